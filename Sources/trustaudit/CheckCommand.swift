import ArgumentParser
import Audit
import AuditCore
import Certificates
import EvidenceBundle
import Foundation
import Pipeline
import Run
import SwiftASN1
import Timestamps
import TrustedLists

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check items and write one JSON evidence record per item.",
        discussion:
            "INPUT is a file, a directory (read recursively) or - for standard input. A file may hold one DER or XML item, many PEM blocks, or one base64 item per line; the kind of each item is decided from its bytes."
    )

    @OptionGroup var inputOptions: RunInputOptions

    @Option(name: .long, help: "Parallel workers (default: all cores).")
    var jobs: Int?

    @Option(name: .long, help: "Write the JSON Lines evidence here instead of stdout.")
    var out: String?

    @Option(name: .long, help: "Write the run manifest (JSON) here.")
    var manifest: String?

    @Flag(
        name: .long,
        help: "Filter: check only certificates with QCStatements or an ETSI policy OID (other kinds always pass).")
    var onlyEtsi = false

    @Option(
        name: .long,
        help: "Filter: check only certificates whose issuer name contains this text (repeatable, case-insensitive).")
    var onlyIssuer: [String] = []

    @Option(name: .long, help: "Filter: check only certificates valid at this ISO 8601 time.")
    var validAt: String?

    @Option(
        name: .long,
        help:
            "Shards: write the records of every N items (input order) to their own file in --shard-dir, atomically, with a trailer (count, range, digest)."
    )
    var shardSize: Int?

    @Option(name: .long, help: "Shards: the folder of the shard files (shard-<first>-<end>.jsonl).")
    var shardDir: String?

    @Flag(name: .long, help: "Shards: keep the shards already complete in --shard-dir and check only the others.")
    var resume = false

    @Flag(
        name: .long,
        help:
            "Shards: write each shard gzip-compressed (shard-….jsonl.gz, the same bytes deflated); merge, --resume and completeness read both."
    )
    var shardGzip = false

    @Option(
        name: .long,
        help: "Shards: check only items START…END−1 (input order; multiples of --shard-size), e.g. one worker's range.")
    var shard: String?

    @Option(
        name: .long,
        help:
            "Evidence format on stdout/--out: jsonl (one record per item) or sarif (SARIF 2.1.0, failed checks as results)."
    )
    var format: EvidenceFormat = .jsonl

    @Option(
        name: .long,
        help:
            "Evidence records on stdout/--out and in shards: full (every check; what an audit sample needs) or compact (for CT-scale runs: identity, verdict, profile, a plan digest that --manifest expands, failed checks in full, the ids of checks not applicable or not checked). A --bundle keeps full records."
    )
    var evidence: EvidenceMode = .full

    @Option(
        name: .long,
        help:
            "Write an evidence bundle to this folder: evidence.jsonl, summary.json, coverage.json/.md, report.html, report.csv, manifest.json."
    )
    var bundle: String?

    @Option(
        name: .long,
        help:
            "Bundle: sign manifest.json with this key (PEM, with --sign-cert; or PKCS#12) as a detached CMS (manifest.json.p7s)."
    )
    var signKey: String?

    @Option(name: .long, help: "Bundle: the signer's certificate (PEM) for a PEM --sign-key.")
    var signCert: String?

    @Option(name: .long, help: "Bundle: a file holding the password of --sign-key (PKCS#12 or encrypted PEM).")
    var signPasswordFile: String?

    @Flag(name: .long, help: "Do not print the summary on stderr.")
    var quiet = false

    @Option(
        name: .long,
        help:
            "Resource bound: an item whose check takes longer than this many seconds is stopped and recorded (INPUT-002, outcome error); 0 for no limit. Supervised runs only."
    )
    var itemTimeLimit: Double = 120

    @Flag(
        name: .long,
        help:
            "Check in this process only: no supervisor that contains a checker crash to its item (standard input is never supervised)."
    )
    var noSupervise = false

    @Argument(help: "Files, directories, or - for stdin.")
    var inputs: [String]

    var profile: String { inputOptions.profile }
    var profiles: String? { inputOptions.profiles }
    var at: String? { inputOptions.at }
    var standards: String { inputOptions.standards }
    var issuer: [String] { inputOptions.issuer }
    var trustedLists: [String] { inputOptions.trustedLists }
    var data: String? { inputOptions.data }
    var digest: String? { inputOptions.digest }
    var request: String? { inputOptions.request }
    var policy: [String] { inputOptions.policy }
    var ca: [String] { inputOptions.ca }
    var tsu: [String] { inputOptions.tsu }
    var crl: [String] { inputOptions.crl }
    var ocsp: [String] { inputOptions.ocsp }
    var ocspRequest: String? { inputOptions.ocspRequest }
    var lotl: String? { inputOptions.lotl }
    var anchors: String? { inputOptions.anchors }
    var schemas: String? { inputOptions.schemas }
    var maxItemSize: Int { inputOptions.maxItemSize }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard !inputs.isEmpty else { throw ValidationError("give at least one INPUT (file, directory or -)") }
        for (option, paths) in [("--issuer", issuer), ("--ca", ca), ("--tsu", tsu)] {
            for path in paths where !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("\(option) \(path) is not a readable file")
            }
        }
        if (shardSize == nil) != (shardDir == nil) { throw ValidationError("--shard-size and --shard-dir go together") }
        if let shardSize, shardSize < 1 { throw ValidationError("--shard-size must be positive") }
        if resume && shardDir == nil {
            throw ValidationError("--resume continues a sharded run: give --shard-size and --shard-dir")
        }
        if shardGzip && shardDir == nil {
            throw ValidationError("--shard-gzip compresses shards: give --shard-size and --shard-dir")
        }
        // Checked here, before a supervised run starts its child.
        if evidence == .compact && format == .sarif {
            throw ValidationError(
                "--evidence compact applies to JSON Lines records; SARIF lists failed checks only already")
        }
        if evidence == .compact && manifest == nil {
            throw ValidationError(
                "--evidence compact needs --manifest: the manifest lists the plans the records' digests stand for")
        }
        if let shard {
            guard let size = shardSize, let range = Self.parseRange(shard), range.lowerBound % size == 0,
                range.upperBound % size == 0
            else {
                throw ValidationError("--shard START-END needs --shard-size N, START < END and both multiples of N")
            }
        }
        if maxItemSize < 1 { throw ValidationError("--max-item-size must be a positive number of bytes") }
        if itemTimeLimit < 0 || !itemTimeLimit.isFinite {
            throw ValidationError("--item-time-limit must be 0 (none) or a positive number of seconds")
        }
        if let validAt, Self.parseTime(validAt) == nil {
            throw ValidationError("--valid-at '\(validAt)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
        if let at, Self.parseTime(at) == nil {
            throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
    }

    static func parseRange(_ text: String) -> Range<Int>? { RunOptions.parseRange(text) }

    static func parseTime(_ text: String) -> Date? { RunOptions.parseTime(text) }

    /// The run's inputs as the library takes them.
    var runOptions: RunOptions {
        var options = inputOptions.runOptions
        options.onlyETSI = onlyEtsi
        options.onlyIssuer = onlyIssuer
        options.validAt = validAt
        return options
    }

    /// Workers, formats, shards, bundle and manifest as the library takes them.
    func runSettings(signer: BundleSigner?) -> RunSettings {
        var settings = RunSettings(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        settings.format = format
        settings.evidence = evidence
        if let shardSize, let shardDir {
            settings.shards = ShardSettings(
                size: shardSize, directory: shardDir, resume: resume, gzip: shardGzip,
                range: shard.flatMap(Self.parseRange))
        }
        settings.bundle = bundle
        settings.signer = signer
        settings.manifest = manifest
        settings.inputs = inputs
        return settings
    }

    func run() throws {
        if !noSupervise, !Supervisor.isSupervisedChild, !inputs.contains("-") {
            try runSupervised()
            return
        }
        let knownCrashes = Supervisor.isSupervisedChild ? Supervisor.prepareChild(itemTimeLimit: itemTimeLimit) : [:]
        do {
            let runInputs = try RunInputs.load(runOptions) { FileHandle.standardError.write(Data($0.utf8)) }
            let output: BufferedOutput
            do {
                output = try out.map { try BufferedOutput(path: $0) } ?? BufferedOutput(handle: .standardOutput)
            } catch {
                throw ValidationError("cannot write --out \(out ?? ""): \(error.localizedDescription)")
            }
            let destination = out.map { "--out \($0)" } ?? "stdout"
            let sink: any EvidenceSink =
                switch format {
                case .jsonl: JSONLinesSink(output: output, destination: destination)
                case .sarif: SARIFSink(output: output, destination: destination)
                }
            var settings = runSettings(
                signer: try RunSettings.loadSigner(
                    key: signKey, certificate: signCert, passwordFile: signPasswordFile, bundle: bundle))
            settings.knownCrashes = knownCrashes
            let run = try AuditRun(inputs: runInputs, settings: settings)
            let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
            let trap = TestHooks.trapSHA256
            let report = try run.run(
                InputReader(paths: inputs, maximumItemSize: maxItemSize), into: sink,
                beforeCheck: { TestHooks.trapIfRequested($0, trap) }, progress: { progress.update(items: $0) })
            progress.finish()
            if !quiet {
                FileHandle.standardError.write(Data(summaryText(report, filtering: runInputs.filter.isActive).utf8))
            }
            try run.finish(report)
            if let bundle, !quiet {
                FileHandle.standardError.write(
                    Data("trustaudit: evidence bundle in \(bundle)\(signKey == nil ? "" : " (manifest signed)")\n".utf8)
                )
            }
            if report.summary.itemsWithErrors > 0 {
                FileHandle.standardError.write(
                    Data(
                        "trustaudit: \(report.summary.itemsWithErrors) item(s) crashed the checker and were not evaluated (INPUT-002, outcome error); exit 2\n"
                            .utf8))
                throw ExitCode(Exit.usage)
            }
            if report.summary.hasNonConformities { throw ExitCode(Exit.nonConformities) }
        } catch let error as RunError {
            throw ValidationError(error.message)
        }
    }

    /// The summary on stderr.
    func summaryText(_ report: RunReport, filtering: Bool) -> String {
        var text = report.summary.text()
        if filtering {
            text +=
                "  filtered: \(report.filtered) certificate(s) left out by --only-etsi/--only-issuer/--valid-at (not checked, no record)\n"
        }
        if let shardDir {
            text +=
                "  shards:   \(report.shardsWritten) written to \(shardDir), \(report.shardsAlreadyComplete) already complete (\(report.resumed) item(s) not checked again)\n"
        }
        return text
    }

    /// Runs this command again in a child process under a ``Supervisor``: a checker crash costs
    /// its item (recorded with INPUT-002), not the run.
    private func runSupervised() throws {
        let supervisor = Supervisor(
            arguments: Array(CommandLine.arguments.dropFirst()), forwardsStandardOutput: out == nil)
        let ending = supervisor.run { crash in
            let what =
                crash.isTimeout
                ? "took longer than --item-time-limit \(itemTimeLimit) s" : "crashed the checker (\(crash.signalName))"
            FileHandle.standardError.write(
                Data("trustaudit: item \(crash.index) \(what); restarting after it, its record says so\n".utf8))
        }
        switch ending {
        case .exited(let code): if code != 0 { throw ExitCode(code) }
        case .signalled(let signal): throw ExitCode(128 + signal)
        case .failed(let reason):
            throw ValidationError("supervised run failed: \(reason) (rerun with --no-supervise to see the crash)")
        }
    }
}

extension EvidenceFormat: ExpressibleByArgument {}
extension EvidenceMode: ExpressibleByArgument {}
