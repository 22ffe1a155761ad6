import AuditCore
import Pipeline

/// `summary.json`: counts by verdict (with the certification body's words), by kind, and the
/// requirements failed most often. No run timestamps, so reruns give the same bytes.
enum SummaryJSON {
    static func document(_ summary: RunSummary, profiles: ProfileSet, tally: CoverageTally, manifest: RunManifest)
        -> [UInt8]
    {
        var out = JSONWriter()
        out.beginObject()
        out.field("tool", manifest.tool)
        out.field("toolVersion", manifest.toolVersion)
        out.field("validationTime", manifest.validationTime)
        out.field("items", summary.items)
        out.key("verdicts")
        out.beginArray()
        for verdict in Verdict.allCases {
            out.beginObject()
            out.field("verdict", verdict.rawValue)
            out.field("label", VerdictLabel.text(verdict))
            out.field("items", summary.byVerdict[verdict, default: 0])
            out.endObject()
        }
        out.endArray()
        out.key("kinds")
        BundleJSON.kinds(summary, into: &out)
        out.key("profiles")
        out.beginArray()
        for name in tally.profilesUsed.sorted() { out.value(name) }
        out.endArray()
        out.key("failedRequirements")
        out.beginArray()
        for (id, count) in summary.failures.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key })
        {
            let requirement = profiles.catalogue[id]
            out.beginObject()
            out.field("requirement", id.rawValue)
            out.field("items", count)
            out.field("standard", requirement?.standard)
            out.field("clause", requirement?.clause)
            out.endObject()
        }
        out.endArray()
        out.field("nonConformities", summary.hasNonConformities)
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }
}
