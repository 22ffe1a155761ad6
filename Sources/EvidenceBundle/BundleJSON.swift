import AuditCore
import Pipeline

/// JSON pieces the bundle files share (summary, coverage statement, report data), written the
/// same way in each.
enum BundleJSON {
    /// `{ "<kind>": items, … }` for the kinds seen, in the kinds' declared order.
    static func kinds(_ summary: RunSummary, into out: inout JSONWriter) {
        out.beginObject()
        for kind in ArtefactKind.allCases where summary.byKind[kind] != nil {
            out.field(kind.rawValue, summary.byKind[kind]!)
        }
        out.endObject()
    }

    /// The per-outcome item counts of one requirement.
    static func counts(_ counts: CoverageTally.Counts, into out: inout JSONWriter) {
        out.field("evaluated", counts.evaluated)
        out.field("pass", counts.pass)
        out.field("fail", counts.fail)
        out.field("notApplicable", counts.notApplicable)
        out.field("notChecked", counts.notChecked)
    }
}
