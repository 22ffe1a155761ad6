import AuditCore
import Digests
import Foundation
import Pipeline

/// An evidence bundle being written (`trustaudit check --bundle DIR`): every record as it is
/// produced (`evidence.jsonl`, `report.csv`), then at the end the summary, the coverage
/// statement, the HTML report and the manifest with the SHA-256 of every input and bundle file.
/// Re-running on the same inputs and parameters gives the same bytes in every file but the
/// manifest fields it names as volatile.
public final class BundleWriter {
    public static let evidenceFile = "evidence.jsonl"
    public static let summaryFile = "summary.json"
    public static let coverageFile = "coverage.json"
    public static let coverageMarkdownFile = "coverage.md"
    public static let reportFile = "report.html"
    public static let csvFile = "report.csv"
    public static let manifestFile = "manifest.json"
    public static let signatureFile = "manifest.json.p7s"
    /// Every file a bundle may hold.
    public static let files = [
        evidenceFile, summaryFile, coverageFile, coverageMarkdownFile, reportFile, csvFile, manifestFile, signatureFile,
    ]

    let directory: URL
    private let evidence: BufferedOutput
    private let csv: BufferedOutput
    public private(set) var summary = RunSummary()
    private var tally = CoverageTally()
    private var reportItems: [ReportData.Item] = []

    /// Creates `path`, or empties a folder that holds an earlier bundle. Anything else is refused
    /// rather than overwritten: a folder with other files (hidden ones included, which
    /// verification would report as added), bundle names that are not regular files (a folder
    /// named `report.html`), or bundle-named files without a bundle manifest (a user's own
    /// `evidence.jsonl`).
    public init(directory path: String) throws {
        directory = URL(fileURLWithPath: path)
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        var present = try manager.contentsOfDirectory(atPath: path)
        // A run that was killed or crashed (and restarted under supervision) leaves only the
        // temporaries of its files: they go.
        let abandoned = Set(present.filter(OutputFile.isAbandonedPartial))
        for name in abandoned { try? manager.removeItem(at: directory.appendingPathComponent(name)) }
        present.removeAll(where: abandoned.contains)
        if let stranger = present.sorted().first(where: { !Self.files.contains($0) }) {
            throw BundleError.notABundleFolder(path, containing: stranger)
        }
        for name in present {
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder)
            if isFolder.boolValue { throw BundleError.notABundleFolder(path, containing: name + "/ (a folder)") }
        }
        if !present.isEmpty && !Self.holdsBundleManifest(directory) {
            throw BundleError.notABundleFolder(
                path, containing: present.sorted()[0] + " (no bundle manifest.json beside it)")
        }
        for name in present { try manager.removeItem(at: directory.appendingPathComponent(name)) }
        evidence = try BufferedOutput(path: directory.appendingPathComponent(Self.evidenceFile).path)
        csv = try BufferedOutput(path: directory.appendingPathComponent(Self.csvFile).path)
        try csv.write(CSVRow.header)
    }

    /// Whether `directory` holds a manifest this tool wrote for a bundle (it lists the bundle's
    /// files with their digests).
    static func holdsBundleManifest(_ directory: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(manifestFile).path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = object["files"] as? [String: Any]
        else { return false }
        return files[evidenceFile] != nil
    }

    /// Adds one item's record (`line` is its evidence JSON line).
    public func add(_ record: ItemEvidence, line: [UInt8], facts: ItemFacts) throws {
        try evidence.write(line)
        for check in record.checks {
            try csv.write(
                CSVRow.line([
                    String(record.index), record.source, record.sha256, record.kind.rawValue, record.type,
                    record.profile,
                    record.verdict.rawValue, check.requirement.rawValue, check.standard, check.version, check.clause,
                    check.outcome.rawValue, check.outcome == .fail ? check.grade.rawValue : nil, check.observed,
                    check.expected,
                    check.location, check.message,
                ]))
        }
        summary.add(record)
        tally.add(record)
        reportItems.append(ReportData.Item(record, facts: facts))
    }

    /// Writes the remaining files and the manifest (signed when `signer` is given); returns the
    /// manifest as written.
    @discardableResult
    public func finish(profiles: ProfileSet, manifest: RunManifest, signer: BundleSigner? = nil) throws -> RunManifest {
        try evidence.finish()
        try csv.finish()
        let rows = tally.rows(profiles)
        let validationTime = manifest.validationTime
        try write(Self.summaryFile, SummaryJSON.document(summary, profiles: profiles, tally: tally, manifest: manifest))
        try write(Self.coverageFile, CoverageStatement.json(rows, validationTime: validationTime))
        try write(
            Self.coverageMarkdownFile, Array(CoverageStatement.markdown(rows, validationTime: validationTime).utf8))
        let data = ReportData.json(
            manifest: manifest, summary: summary, profiles: tally.profilesUsed.sorted(), rows: rows, items: reportItems)
        try write(Self.reportFile, Array(ReportHTML.render(data: String(decoding: data, as: UTF8.self)).utf8))
        var manifest = manifest
        var hashes: [String: String] = [:]
        for name in Self.files where name != Self.manifestFile && name != Self.signatureFile {
            let path = directory.appendingPathComponent(name).path
            guard let hash = SHA256.hex(fileAt: path) else { throw BundleError.unreadable(path) }
            hashes[name] = hash
        }
        manifest.files = hashes
        manifest.volatileFields = ["startedAt", "finishedAt"]
        let bytes = try ManifestWriter.data(manifest)
        try bytes.write(to: directory.appendingPathComponent(Self.manifestFile), options: .atomic)
        if let signer {
            try signer.sign(bytes).write(to: directory.appendingPathComponent(Self.signatureFile), options: .atomic)
        }
        return manifest
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name), options: .atomic)
    }
}
