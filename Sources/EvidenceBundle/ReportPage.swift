import AuditCore
import Pipeline

/// The self-contained HTML report of a set of records without writing a bundle: the same page
/// as a bundle's `report.html` (one renderer), for the server's `format=html` answer.
public enum ReportPage {
    /// - Parameters:
    ///   - records: the evidence records, in input order.
    ///   - facts: what each record's item is (subject, issuer, validity), in the same order.
    ///   - profiles: the profiles and catalogue the records cite.
    ///   - manifest: the run's description shown at the top (tool, validation time, counts).
    public static func html(records: [ItemEvidence], facts: [ItemFacts], profiles: ProfileSet, manifest: RunManifest)
        -> [UInt8]
    {
        var summary = RunSummary()
        var tally = CoverageTally()
        var items: [ReportData.Item] = []
        for (index, record) in records.enumerated() {
            summary.add(record)
            tally.add(record)
            items.append(ReportData.Item(record, facts: index < facts.count ? facts[index] : ItemFacts()))
        }
        let data = ReportData.json(
            manifest: manifest, summary: summary, profiles: tally.profilesUsed.sorted(), rows: tally.rows(profiles),
            items: items)
        return Array(ReportHTML.render(data: String(decoding: data, as: UTF8.self)).utf8)
    }

    /// The report's own Content-Security-Policy: inline style and script, nothing from anywhere.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
}
