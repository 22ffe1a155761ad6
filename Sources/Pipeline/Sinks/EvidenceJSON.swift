import AuditCore

/// Writes an evidence record as one line of JSON with a fixed key order, so the same evidence is
/// the same bytes on every machine (a public contract: keys are added, never renamed or dropped).
public enum EvidenceJSON {
    /// The record as UTF-8 JSON followed by `\n`.
    public static func line(_ evidence: ItemEvidence) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("index", evidence.index)
        out.field("source", evidence.source)
        out.field("sha256", evidence.sha256)
        out.field("kind", evidence.kind.rawValue)
        out.field("type", evidence.type)
        out.field("profile", evidence.profile)
        out.field("profileReason", evidence.profileReason)
        out.field("verdict", evidence.verdict.rawValue)
        out.key("failed")
        out.beginArray()
        for id in evidence.failedRequirements { out.value(id.rawValue) }
        out.endArray()
        out.key("checks")
        out.beginArray()
        for check in evidence.checks {
            out.beginObject()
            out.field("requirement", check.requirement.rawValue)
            out.field("standard", check.standard)
            out.field("version", check.version)
            out.field("clause", check.clause)
            out.field("outcome", check.outcome.rawValue)
            out.field("grade", check.grade.rawValue)
            out.field("observed", check.observed)
            out.field("expected", check.expected)
            out.field("location", check.location)
            out.field("message", check.message)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }
}

