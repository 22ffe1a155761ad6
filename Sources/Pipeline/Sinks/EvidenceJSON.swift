import AuditCore

/// Writes an evidence record as one line of JSON with a fixed key order, so the same evidence is
/// the same bytes on every machine (a public contract: keys are added, never renamed or dropped).
public enum EvidenceJSON {
    /// The record as UTF-8 JSON followed by `\n`.
    public static func line(_ evidence: ItemEvidence) -> [UInt8] {
        // About 200 bytes per check: one allocation instead of doubling from 2 KiB.
        var out = JSONWriter(capacity: 1024 + evidence.checks.count * 256)
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
        // The keys of a check are written as pre-encoded runs: 50 checks × 10 keys per record.
        // Fields are read in place: copying a check would retain its eight strings.
        let checks = evidence.checks
        for position in checks.indices {
            out.verbatim(position == 0 ? CheckKeys.first : CheckKeys.next)
            out.bareValue(checks[position].requirement.rawValue)
            out.verbatim(CheckKeys.standard)
            out.bareValue(checks[position].standard)
            out.verbatim(CheckKeys.version)
            out.bareValue(checks[position].version)
            out.verbatim(CheckKeys.clause)
            out.bareValue(checks[position].clause)
            out.verbatim(CheckKeys.outcome)
            out.bareValue(checks[position].outcome.rawValue)
            out.verbatim(CheckKeys.grade)
            out.bareValue(checks[position].grade.rawValue)
            out.verbatim(CheckKeys.observed)
            out.bareValue(checks[position].observed)
            out.verbatim(CheckKeys.expected)
            out.bareValue(checks[position].expected)
            out.verbatim(CheckKeys.location)
            out.bareValue(checks[position].location)
            out.verbatim(CheckKeys.message)
            out.bareValue(checks[position].message)
            out.verbatim(CheckKeys.end)
        }
        out.endArray()
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }
}


/// The fixed parts of a check object, in the record's key order.
private enum CheckKeys {
    static let first = Array(#"{"requirement":"#.utf8)
    static let next = Array(#",{"requirement":"#.utf8)
    static let standard = Array(#","standard":"#.utf8)
    static let version = Array(#","version":"#.utf8)
    static let clause = Array(#","clause":"#.utf8)
    static let outcome = Array(#","outcome":"#.utf8)
    static let grade = Array(#","grade":"#.utf8)
    static let observed = Array(#","observed":"#.utf8)
    static let expected = Array(#","expected":"#.utf8)
    static let location = Array(#","location":"#.utf8)
    static let message = Array(#","message":"#.utf8)
    static let end = Array("}".utf8)
}
