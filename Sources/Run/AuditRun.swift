import Audit
import AuditCore
import Certificates
import Digests
import EvidenceBundle
import Foundation
import Pipeline

/// One run of checks: items from any `InputReader` (paths or memory), each turned into its
/// evidence record by the inputs' `Auditor` on `settings.jobs` workers, and the records handed
/// in input order to an ``EvidenceSink``, to shards, to an evidence bundle and into the manifest.
///
/// Items in equals records out: a bad item is a record with its finding, never an error. A
/// ``RunError`` means a destination could not be opened or written.
public final class AuditRun {
    public let inputs: RunInputs
    public let settings: RunSettings
    private let bundle: BundleWriter?
    private let shards: ShardWriter?

    /// Opens the bundle and the shard folder.
    public init(inputs: RunInputs, settings: RunSettings) throws(RunError) {
        self.inputs = inputs
        self.settings = settings
        do {
            bundle = try settings.bundle.map { try BundleWriter(directory: $0) }
        } catch {
            throw RunError.output("--bundle: \(error)")
        }
        do {
            shards = try settings.shards.map {
                try ShardWriter(
                    size: $0.size, directory: $0.directory, resume: $0.resume,
                    run: Self.identity(options: inputs.options, settings: settings), gzip: $0.gzip)
            }
        } catch {
            throw RunError.output("--shard-dir: \(error)")
        }
    }

    /// Checks every item of `reader` and writes the records.
    /// - Parameters:
    ///   - reader: the items, from paths or memory.
    ///   - sink: receives every record in input order.
    ///   - beforeCheck: called on the worker with each item's bytes just before its check (a
    ///     test hook that simulates a checker crash).
    ///   - progress: called on the calling thread with the count of records written so far.
    public func run(
        _ reader: InputReader, into sink: any EvidenceSink, beforeCheck: (@Sendable ([UInt8]) -> Void)? = nil,
        progress: (Int) -> Void = { _ in }
    ) throws(RunError) -> RunReport {
        var report = try run(items: reader.next, into: sink, beforeCheck: beforeCheck, progress: progress)
        report.files = reader.files
        report.samplingRecord = reader.samplingRecords.first
        return report
    }

    /// Checks every item `next` yields (until it returns nil) and writes the records.
    public func run(
        items next: () -> InputItem?, into sink: any EvidenceSink, beforeCheck: (@Sendable ([UInt8]) -> Void)? = nil,
        progress: (Int) -> Void = { _ in }
    ) throws(RunError) -> RunReport {
        let auditor = inputs.auditor
        let filter = inputs.filter
        let knownCrashes = settings.knownCrashes
        let compact = settings.evidence == .compact
        let wantsFacts = bundle != nil || settings.collectsFacts
        let classifier = ArtefactClassifier()
        let shards = self.shards
        let bundle = self.bundle
        let completedShards = shards?.completed ?? []
        let shardSize = settings.shards?.size ?? 1
        let range = settings.shards?.range ?? 0..<Int.max
        var report = RunReport(shardsAlreadyComplete: completedShards.count)
        for (number, verdicts) in shards?.completedVerdicts ?? [:] where range.contains(number * shardSize) {
            report.summary.addResumed(verdicts)
        }
        do {
            try OrderedParallelExecutor(jobs: settings.jobs).run(
                next: next, size: { $0.bytes.count },
                transform: { item -> ItemResult in
                    if !range.contains(item.index) { return .outOfRange }
                    if completedShards.contains(item.index / shardSize) { return .alreadyDone }
                    if let crash = knownCrashes[item.index] {
                        return Self.result(
                            auditor.crashEvidence(for: item, crash: crash.signalName), ItemFacts(), compact: compact)
                    }
                    CrashMarker.begin(item.index)
                    defer { CrashMarker.end() }
                    beforeCheck?(item.bytes)
                    guard filter.keeps(item, classifier: classifier) else { return .filtered(item.index) }
                    let evidence = auditor.evidence(for: item)
                    let facts = wantsFacts ? auditor.facts(for: item, kind: evidence.kind) : ItemFacts()
                    return Self.result(evidence, facts, compact: compact)
                },
                emit: { result in
                    switch result {
                    case .alreadyDone: report.resumed += 1
                    case .outOfRange: break
                    case .filtered(let index):
                        report.filtered += 1
                        try shards?.write(index: index, line: nil, leafHash: nil)
                    case .record(let evidence, let line, let facts, let plan):
                        if let (digest, itemPlan) = plan, report.plans[digest] == nil {
                            report.plans[digest] = itemPlan
                        }
                        try shards?.write(
                            index: evidence.index, line: line, leafHash: CTEntries.leafHash(inSource: evidence.source))
                        try sink.add(evidence, line: line, facts: facts)
                        // The bundle is audit evidence: its records stay full whatever the mode.
                        try bundle?.add(evidence, line: compact ? EvidenceJSON.line(evidence) : line, facts: facts)
                        report.summary.add(evidence)
                        progress(report.summary.items)
                    }
                })
            try shards?.finishCurrent()
        } catch {
            throw RunError.output("\(error)")
        }
        report.shardsWritten = shards?.written ?? 0
        do {
            try sink.finish(catalogue: inputs.profileSet.catalogue)
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.output("cannot write the evidence: \(error)")
        }
        return report
    }

    /// Writes the manifest and finishes the bundle, when the settings ask for them.
    public func finish(_ report: RunReport) throws(RunError) {
        guard settings.manifest != nil || bundle != nil else { return }
        var run = manifest(report)
        if inputs.filter.isActive { run.counts["filtered"] = report.filtered }
        if let path = settings.manifest {
            var run = run
            if settings.evidence == .compact {
                run.parameters["evidence"] = "compact"
                run.plans = report.plans
            }
            do {
                try ManifestWriter.write(run, to: path)
            } catch {
                throw RunError.output("cannot write --manifest \(path): \(error.localizedDescription)")
            }
        }
        if let bundle, let folder = settings.bundle {
            do {
                _ = try bundle.finish(profiles: inputs.profileSet, manifest: run, signer: settings.signer)
            } catch {
                throw RunError.output("cannot finish the bundle in \(folder): \(error)")
            }
        }
    }

    /// The run manifest: tool and build, catalogue and profile hashes, parameters, validation
    /// time, every input file with its SHA-256, the sampling record of a sample input, counts.
    func manifest(_ report: RunReport) -> RunManifest {
        let options = inputs.options
        let profileSet = inputs.profileSet
        let iso = ISO8601DateFormatter()
        var run = RunManifest(
            tool: ToolIdentity.name, toolVersion: ToolIdentity.version,
            catalogueSHA256: SHA256.hex(Array(profileSet.documents.filter(\.isCatalogue).map(\.text).joined().utf8)),
            profileSHA256: Dictionary(
                profileSet.documents.filter { !$0.isCatalogue }.map { ($0.name, SHA256.hex(Array($0.text.utf8))) },
                uniquingKeysWith: { _, last in last }),
            parameters: [
                "profile": options.profile, "jobs": String(settings.jobs), "profiles": options.profilesDirectory ?? "",
                "issuer": options.issuers.joined(separator: ","), "standards": options.standards,
                "trustedLists": options.trustedLists.joined(separator: ","), "lotl": options.lotl ?? "",
                "anchors": options.anchors ?? "", "schemas": options.schemas ?? "",
                "onlyEtsi": String(options.onlyETSI), "onlyIssuer": options.onlyIssuer.joined(separator: ","),
                "validAt": options.validAt ?? "",
            ],
            validationTime: iso.string(from: inputs.validationTime),
            inputs: report.files.map { RunManifest.Input(path: $0, sha256: $0 == "-" ? nil : SHA256.hex(fileAt: $0)) },
            startedAt: iso.string(from: inputs.started), finishedAt: iso.string(from: Date()),
            counts: report.summary.counts)
        run.build = ToolIdentity.build
        run.sampling = report.samplingRecord
        return run
    }

    /// The record of `evidence` as the evidence mode asks.
    static func result(_ evidence: ItemEvidence, _ facts: ItemFacts, compact: Bool) -> ItemResult {
        guard compact else { return .record(evidence, EvidenceJSON.line(evidence), facts, nil) }
        let (line, plan, digest) = CompactEvidenceJSON.line(evidence)
        return .record(evidence, line, facts, (digest, plan))
    }

    /// The identity of a run for its shards: SHA-256 over the tool version, the inputs as given
    /// and every option that shapes the evidence (not the workers, output places or resuming).
    /// Without a validation time given it is left out, so that a resumed run may continue.
    public static func identity(options: RunOptions, settings: RunSettings) -> String {
        var parts: [String] = [
            "trustaudit \(ToolIdentity.version)", "profile=\(options.profile)",
            "profiles=\(options.profilesDirectory ?? "")",
            "at=\(options.at ?? "")", "standards=\(options.standards)", "shard-size=\(settings.shards?.size ?? 0)",
            "format=\(settings.format.rawValue)", "only-etsi=\(options.onlyETSI)", "valid-at=\(options.validAt ?? "")",
            "lotl=\(options.lotl ?? "")", "anchors=\(options.anchors ?? "")", "schemas=\(options.schemas ?? "")",
            "data=\(options.data ?? "")", "digest=\(options.digest ?? "")", "request=\(options.request ?? "")",
        ]
        for (name, values) in [
            ("issuer", options.issuers), ("trusted-lists", options.trustedLists), ("policy", options.policies),
            ("ca", options.tsaCAs), ("tsu", options.tsuCertificates), ("only-issuer", options.onlyIssuer),
            ("input", settings.inputs),
        ] {
            parts += values.map { "\(name)=\($0)" }
        }
        // Full runs keep the identity they had before compact evidence existed.
        if settings.evidence == .compact { parts.append("evidence=compact") }
        return SHA256.hex(Array(parts.joined(separator: "\n").utf8))
    }
}

/// What the check of one item yields in a run.
enum ItemResult: Sendable {
    /// The evidence, its line as written, the facts for a bundle, and for compact evidence the
    /// plan the line names by digest.
    case record(ItemEvidence, [UInt8], ItemFacts, (String, EvidencePlan)?)
    /// Left out by a filter (its index, which its shard still covers).
    case filtered(Int)
    /// In a shard already complete (resuming).
    case alreadyDone
    /// Outside the shard range.
    case outOfRange
}
