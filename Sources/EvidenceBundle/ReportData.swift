import AuditCore
import Pipeline

/// The data the HTML report embeds (its schema is documented in ``ReportHTML``).
enum ReportData {
    /// What the report keeps of one item: identity, verdict, facts and its non-pass checks.
    struct Item: Sendable {
        var index: Int
        var source: String
        var sha256: String
        var kind: String
        var type: String
        var profile: String
        var verdict: String
        var facts: ItemFacts
        var findings: [Check]

        init(_ record: ItemEvidence, facts: ItemFacts) {
            index = record.index
            source = record.source
            sha256 = record.sha256
            kind = record.kind.rawValue
            type = record.type
            profile = record.profile
            verdict = record.verdict.rawValue
            self.facts = facts
            findings = record.checks.filter { $0.outcome != .pass }
        }
    }

    static func json(
        manifest: RunManifest, summary: RunSummary, profiles: [String], rows: [CoverageTally.Row], items: [Item]
    ) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.key("tool")
        out.beginObject()
        out.field("name", manifest.tool)
        out.field("version", manifest.toolVersion)
        out.endObject()
        out.field("validationTime", manifest.validationTime)
        out.key("profiles")
        out.beginArray()
        for profile in profiles { out.value(profile) }
        out.endArray()
        out.key("counts")
        out.beginObject()
        out.field("items", summary.items)
        for verdict in Verdict.allCases { out.field(verdict.rawValue, summary.byVerdict[verdict, default: 0]) }
        out.endObject()
        out.key("kinds")
        BundleJSON.kinds(summary, into: &out)
        out.key("sampling")
        if let sampling = manifest.sampling {
            out.beginObject()
            out.field("method", sampling.method)
            out.field("sizeMethod", sampling.sizeMethod)
            out.field("seed", sampling.seed)
            out.field("populationCount", sampling.populationCount)
            out.field("populationSHA256", sampling.populationSHA256)
            out.field("sampleSize", sampling.sampleSize)
            out.field("confidence", sampling.confidence)
            out.field("tolerableRate", sampling.tolerableRate)
            out.field("expectedRate", sampling.expectedRate)
            out.endObject()
        } else {
            out.value(nil)
        }
        out.key("requirements")
        out.beginArray()
        for row in rows {
            out.beginObject()
            out.field("id", row.requirement.id.rawValue)
            out.field("standard", row.requirement.standard)
            out.field("version", row.requirement.version)
            out.field("clause", row.requirement.clause)
            out.field("text", row.requirement.text)
            out.field("level", row.requirement.level.rawValue)
            out.field("automation", row.status == "manual" ? "manual" : "automatic")
            out.field("grade", row.grade?.rawValue)
            BundleJSON.counts(row.counts, into: &out)
            out.endObject()
        }
        out.endArray()
        out.key("items")
        out.beginArray()
        for item in items {
            out.beginObject()
            out.field("index", item.index)
            out.field("source", item.source)
            out.field("sha256", item.sha256)
            out.field("kind", item.kind)
            out.field("type", item.type)
            out.field("profile", item.profile)
            out.field("verdict", item.verdict)
            out.field("notBefore", item.facts.notBefore)
            out.field("notAfter", item.facts.notAfter)
            out.field("subject", item.facts.subject)
            out.key("findings")
            out.beginArray()
            for check in item.findings {
                out.beginObject()
                out.field("requirement", check.requirement.rawValue)
                out.field("outcome", check.outcome.rawValue)
                out.field("grade", check.outcome == .fail ? check.grade.rawValue : nil)
                out.field("observed", check.observed)
                out.field("expected", check.expected)
                out.field("location", check.location)
                out.field("message", check.message)
                out.endObject()
            }
            out.endArray()
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }
}
