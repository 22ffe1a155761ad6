import ArgumentParser
import Audit
import AuditCore
import Bundle
import Certificates
import Foundation
import Pipeline
import SwiftASN1
import Timestamps
import TrustedLists

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check items and write one JSON evidence record per item.",
        discussion:
            "INPUT is a file, a directory (read recursively) or - for standard input. A file may hold one DER or XML item, many PEM blocks, or one base64 item per line; the kind of each item is decided from its bytes.")

    @Option(name: .long, help: "Profile: auto (by item kind and claims) or a name from `trustaudit profiles`.")
    var profile = "auto"

    @Option(name: .long, help: "Directory of extra or overriding catalogue/profile YAML files.")
    var profiles: String?

    @Option(name: .long, help: "Parallel workers (default: all cores).")
    var jobs: Int?

    @Option(name: .long, help: "Write the JSON Lines evidence here instead of stdout.")
    var out: String?

    @Option(name: .long, help: "Write the run manifest (JSON) here.")
    var manifest: String?

    @Option(name: .long, help: "Validation time, ISO 8601 (e.g. 2026-06-01T12:00:00Z); default: now.")
    var at: String?

    @Option(name: .long, help: "Standards set to judge against (`trustaudit profiles` lists them; default: latest), or by-issuance: each certificate by the newest set in force at its notBefore.")
    var standards = "latest"

    @Option(name: .long, help: "Issuer certificate(s) for signature, name and key-identifier chaining (file or PEM bundle; repeatable).")
    var issuer: [String] = []

    @Option(name: .customLong("trusted-lists"), help: "Trusted list file or directory for the qualified-status cross-check (repeatable).")
    var trustedLists: [String] = []

    @Option(name: .long, help: "Time-stamps: the stamped data, to check the imprint.")
    var data: String?

    @Option(name: .long, help: "Time-stamps: the expected imprint, hex.")
    var digest: String?

    @Option(name: .long, help: "Time-stamps: the TimeStampReq (DER), for nonce, policy and imprint.")
    var request: String?

    @Option(name: .long, help: "Time-stamps: a policy OID the TSA announced (repeatable).")
    var policy: [String] = []

    @Option(name: .long, help: "Time-stamps: TSA CA certificate(s) the TSU must chain to (repeatable).")
    var ca: [String] = []

    @Option(name: .long, help: "Time-stamps: TSU certificate(s) for tokens without certificates (repeatable).")
    var tsu: [String] = []

    @Option(name: .long, help: "Revocation: a CRL file or folder giving checked certificates their status (REV-200), and the earlier CRLs a checked CRL's number must follow (REV-009); authenticated with --issuer (repeatable).")
    var crl: [String] = []

    @Option(name: .long, help: "Revocation: an OCSP response file or folder giving checked certificates their status (REV-200); authenticated with --issuer (repeatable).")
    var ocsp: [String] = []

    @Option(name: .customLong("ocsp-request"), help: "Revocation: the OCSPRequest (DER) the checked OCSP responses answer: nonce and CertIDs (REV-108).")
    var ocspRequest: String?

    @Option(name: .long, help: "Trusted lists: the LOTL whose pointers must authenticate each list (TL-072), or a snapshot folder (its newest LOTL; the others serve as pivots).")
    var lotl: String?

    @Option(name: .long, help: "Trusted lists: the LOTL signing certificates published in the Official Journal (PEM); authenticates a LOTL through its pivots (TL-070, TL-071).")
    var anchors: String?

    @Option(name: .long, help: "Trusted lists: folder of the official TS 119 612 XSDs (ts119612-v2.2.1/, ts119612-v2.4.1/, xmldsig/).")
    var schemas: String?

    @Flag(name: .long, help: "Filter: check only certificates with QCStatements or an ETSI policy OID (other kinds always pass).")
    var onlyEtsi = false

    @Option(name: .long, help: "Filter: check only certificates whose issuer name contains this text (repeatable, case-insensitive).")
    var onlyIssuer: [String] = []

    @Option(name: .long, help: "Filter: check only certificates valid at this ISO 8601 time.")
    var validAt: String?

    @Option(name: .long, help: "Shards: write the records of every N items (input order) to their own file in --shard-dir, atomically, with a trailer (count, range, digest).")
    var shardSize: Int?

    @Option(name: .long, help: "Shards: the folder of the shard files (shard-<first>-<end>.jsonl).")
    var shardDir: String?

    @Flag(name: .long, help: "Shards: keep the shards already complete in --shard-dir and check only the others.")
    var resume = false

    @Flag(name: .long, help: "Shards: write each shard gzip-compressed (shard-….jsonl.gz, the same bytes deflated); merge, --resume and completeness read both.")
    var shardGzip = false

    @Option(name: .long, help: "Shards: check only items START…END−1 (input order; multiples of --shard-size), e.g. one worker's range.")
    var shard: String?

    @Option(name: .long, help: "Evidence format on stdout/--out: jsonl (one record per item) or sarif (SARIF 2.1.0, failed checks as results).")
    var format: EvidenceFormat = .jsonl

    @Option(name: .long, help: "Evidence records on stdout/--out and in shards: full (every check; what an audit sample needs) or compact (for CT-scale runs: identity, verdict, profile, a plan digest that --manifest expands, failed checks in full, the ids of checks not applicable or not checked). A --bundle keeps full records.")
    var evidence: EvidenceMode = .full

    @Option(name: .long, help: "Write an evidence bundle to this folder: evidence.jsonl, summary.json, coverage.json/.md, report.html, report.csv, manifest.json.")
    var bundle: String?

    @Option(name: .long, help: "Bundle: sign manifest.json with this key (PEM, with --sign-cert; or PKCS#12) as a detached CMS (manifest.json.p7s).")
    var signKey: String?

    @Option(name: .long, help: "Bundle: the signer's certificate (PEM) for a PEM --sign-key.")
    var signCert: String?

    @Option(name: .long, help: "Bundle: a file holding the password of --sign-key (PKCS#12 or encrypted PEM).")
    var signPasswordFile: String?

    @Flag(name: .long, help: "Do not print the summary on stderr.")
    var quiet = false

    @Option(name: .long, help: "Resource bound: the largest item in bytes (a whole file, a PEM block, an inflated gzip file); a larger one is a finding (1 GiB by default).")
    var maxItemSize: Int = InputReader.defaultMaximumItemSize

    @Option(name: .long, help: "Resource bound: an item whose check takes longer than this many seconds is stopped and recorded (INPUT-002, outcome error); 0 for no limit. Supervised runs only.")
    var itemTimeLimit: Double = 120

    @Flag(name: .long, help: "Check in this process only: no supervisor that contains a checker crash to its item (standard input is never supervised).")
    var noSupervise = false

    @Argument(help: "Files, directories, or - for stdin.")
    var inputs: [String]

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
        if resume && shardDir == nil { throw ValidationError("--resume continues a sharded run: give --shard-size and --shard-dir") }
        if shardGzip && shardDir == nil { throw ValidationError("--shard-gzip compresses shards: give --shard-size and --shard-dir") }
        // Checked here, before a supervised run starts its child.
        if evidence == .compact && format == .sarif {
            throw ValidationError("--evidence compact applies to JSON Lines records; SARIF lists failed checks only already")
        }
        if evidence == .compact && manifest == nil {
            throw ValidationError("--evidence compact needs --manifest: the manifest lists the plans the records' digests stand for")
        }
        if let shard {
            guard let size = shardSize, let range = Self.parseRange(shard), range.lowerBound % size == 0, range.upperBound % size == 0 else {
                throw ValidationError("--shard START-END needs --shard-size N, START < END and both multiples of N")
            }
        }
        if maxItemSize < 1 { throw ValidationError("--max-item-size must be a positive number of bytes") }
        if itemTimeLimit < 0 || !itemTimeLimit.isFinite { throw ValidationError("--item-time-limit must be 0 (none) or a positive number of seconds") }
        if let validAt, Self.parseTime(validAt) == nil {
            throw ValidationError("--valid-at '\(validAt)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
        if let at, Self.parseTime(at) == nil {
            throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
    }

    static func parseRange(_ text: String) -> Range<Int>? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 0, parts[0] < parts[1] else { return nil }
        return parts[0]..<parts[1]
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    func run() throws {
        if !noSupervise, !Supervisor.isSupervisedChild, !inputs.contains("-") {
            try runSupervised()
            return
        }
        let knownCrashes = Supervisor.isSupervisedChild ? Supervisor.prepareChild(itemTimeLimit: itemTimeLimit) : [:]
        let testTrap = TestHooks.trapSHA256
        let started = Date()
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let validationTime = at.flatMap(Self.parseTime) ?? started
        let profileSet: ProfileSet
        let auditor: Auditor
        do {
            profileSet = try ProfileSet.load(overridesFrom: profiles)
            let lotlDocuments = try loadLOTLDocuments()
            auditor = try Auditor(
                profiles: profileSet, selection: ProfileSelection(argument: profile),
                context: EvaluationContext(validationTime: validationTime), issuers: try loadIssuers(),
                standards: standards == "by-issuance" ? nil : try profileSet.standardsSet(named: standards), trustedLists: try loadTrustedLists(authenticatedBy: loadLOTL(lotlDocuments)),
                timestampInputs: try loadTimestampInputs(), lotl: loadLOTL(lotlDocuments), schemas: try loadSchemas(),
                authentication: try loadAuthentication(lotlDocuments),
                standardsByIssuance: standards == "by-issuance" ? Array(profileSet.standards.values) : [],
                revocationInputs: try loadRevocationInputs(issuers: try loadIssuers()))
        } catch {
            throw ValidationError("\(error)")
        }

        let output: BufferedOutput
        do {
            output = try out.map { try BufferedOutput(path: $0) } ?? BufferedOutput(handle: .standardOutput)
        } catch {
            throw ValidationError("cannot write --out \(out ?? ""): \(error.localizedDescription)")
        }
        let signer = try loadSigner()
        let evidenceBundle: EvidenceBundle?
        do {
            evidenceBundle = try bundle.map { try EvidenceBundle(directory: $0) }
        } catch {
            throw ValidationError("--bundle: \(error)")
        }
        let reader = InputReader(paths: inputs, maximumItemSize: maxItemSize)
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        var summary = RunSummary()
        var sarif = SARIFLog()
        let format = self.format
        let compact = evidence == .compact
        var plans: [String: EvidencePlan] = [:]
        let wantsFacts = evidenceBundle != nil
        let filter = ItemFilter(onlyETSI: onlyEtsi, issuerContains: onlyIssuer, validAt: validAt.flatMap(Self.parseTime))
        let classifier = ArtefactClassifier()
        var filtered = 0
        var resumed = 0
        let shards: ShardWriter?
        do {
            shards = try shardSize.map { try ShardWriter(size: $0, directory: shardDir!, resume: resume, run: runIdentity, gzip: shardGzip) }
        } catch {
            throw ValidationError("--shard-dir: \(error)")
        }
        let completedShards = shards?.completed ?? []
        let shardSize = self.shardSize ?? 1
        let range = shard.flatMap(Self.parseRange) ?? 0..<Int.max
        for (number, verdicts) in shards?.completedVerdicts ?? [:] where range.contains(number * shardSize) {
            summary.addResumed(verdicts)
        }
        try OrderedParallelExecutor(jobs: jobs).run(
            next: reader.next, size: { $0.bytes.count },
            transform: { item -> ItemResult in
                if !range.contains(item.index) { return .outOfRange }
                if completedShards.contains(item.index / shardSize) { return .alreadyDone }
                if let crash = knownCrashes[item.index] {
                    let evidence = auditor.crashEvidence(for: item, crash: crash.signalName)
                    return Self.result(evidence, ItemFacts(), compact: compact)
                }
                CrashMarker.begin(item.index)
                defer { CrashMarker.end() }
                TestHooks.trapIfRequested(item.bytes, testTrap)
                guard filter.keeps(item, classifier: classifier) else { return .filtered(item.index) }
                let evidence = auditor.evidence(for: item)
                let facts = wantsFacts ? auditor.facts(for: item, kind: evidence.kind) : ItemFacts()
                return Self.result(evidence, facts, compact: compact)
            },
            emit: { result in
                let (evidence, line, facts, plan): (ItemEvidence, [UInt8], ItemFacts, (String, EvidencePlan)?)
                switch result {
                case .alreadyDone:
                    resumed += 1
                    return
                case .outOfRange: return
                case .filtered(let index):
                    filtered += 1
                    try shards?.write(index: index, line: nil, leafHash: nil)
                    return
                case .record(let record, let bytes, let itemFacts, let itemPlan): (evidence, line, facts, plan) = (record, bytes, itemFacts, itemPlan)
                }
                if let (digest, itemPlan) = plan, plans[digest] == nil { plans[digest] = itemPlan }
                try shards?.write(index: evidence.index, line: line, leafHash: CTEntries.leafHash(inSource: evidence.source))
                switch format {
                case .jsonl: try output.write(line)
                case .sarif: sarif.add(evidence)
                }
                // The bundle is audit evidence: its records stay full whatever --evidence says.
                try evidenceBundle?.add(evidence, line: compact ? EvidenceJSON.line(evidence) : line, facts: facts)
                summary.add(evidence)
                progress.update(items: summary.items)
            })
        try shards?.finishCurrent()
        if format == .sarif { try output.write(sarif.document(catalogue: profileSet.catalogue, toolVersion: TrustAudit.version)) }
        do {
            try output.finish()
        } catch {
            throw ValidationError("cannot write --out \(out ?? "stdout"): \(error)")
        }
        progress.finish()
        if !quiet {
            var text = summary.text()
            if filter.isActive { text += "  filtered: \(filtered) certificate(s) left out by --only-etsi/--only-issuer/--valid-at (not checked, no record)\n" }
            if let shards {
                text += "  shards:   \(shards.written) written to \(shardDir ?? ""), \(completedShards.count) already complete (\(resumed) item(s) not checked again)\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        }

        if manifest != nil || evidenceBundle != nil {
            var run = runManifest(profileSet: profileSet, jobs: jobs, validationTime: validationTime, started: started, reader: reader, summary: summary)
            if filter.isActive { run.counts["filtered"] = filtered }
            if let manifest {
                var run = run
                if compact {
                    run.parameters["evidence"] = "compact"
                    run.plans = plans
                }
                do {
                    try ManifestWriter.write(run, to: manifest)
                } catch {
                    throw ValidationError("cannot write --manifest \(manifest): \(error.localizedDescription)")
                }
            }
            if let evidenceBundle, let bundle {
                do {
                    try evidenceBundle.finish(profiles: profileSet, manifest: run, signer: signer)
                } catch {
                    throw ValidationError("cannot finish the bundle in \(bundle): \(error)")
                }
                if !quiet { FileHandle.standardError.write(Data("trustaudit: evidence bundle in \(bundle)\(signer == nil ? "" : " (manifest signed)")\n".utf8)) }
            }
        }
        if summary.itemsWithErrors > 0 {
            FileHandle.standardError.write(Data(
                "trustaudit: \(summary.itemsWithErrors) item(s) crashed the checker and were not evaluated (INPUT-002, outcome error); exit 2\n".utf8))
            throw ExitCode(Exit.usage)
        }
        if summary.hasNonConformities { throw ExitCode(Exit.nonConformities) }
    }

    /// The record of `evidence` as `--evidence` asks.
    static func result(_ evidence: ItemEvidence, _ facts: ItemFacts, compact: Bool) -> ItemResult {
        guard compact else { return .record(evidence, EvidenceJSON.line(evidence), facts, nil) }
        let (line, plan, digest) = CompactEvidenceJSON.line(evidence)
        return .record(evidence, line, facts, (digest, plan))
    }

    /// The identity of this run for its shards: SHA-256 over the tool version, the inputs as
    /// given and every option that shapes the evidence (not --jobs, output places or --resume).
    /// Without --at the validation time is left out, so that a resumed run may continue.
    var runIdentity: String {
        var parts: [String] = ["trustaudit \(TrustAudit.version)", "profile=\(profile)", "profiles=\(profiles ?? "")",
                               "at=\(at ?? "")", "standards=\(standards)", "shard-size=\(shardSize ?? 0)", "format=\(format.rawValue)",
                               "only-etsi=\(onlyEtsi)", "valid-at=\(validAt ?? "")", "lotl=\(lotl ?? "")", "anchors=\(anchors ?? "")",
                               "schemas=\(schemas ?? "")", "data=\(data ?? "")", "digest=\(digest ?? "")", "request=\(request ?? "")"]
        for (name, values) in [("issuer", issuer), ("trusted-lists", trustedLists), ("policy", policy), ("ca", ca), ("tsu", tsu),
                               ("only-issuer", onlyIssuer), ("input", inputs)] {
            parts += values.map { "\(name)=\($0)" }
        }
        // Full runs keep the identity they had before --evidence existed.
        if evidence == .compact { parts.append("evidence=compact") }
        return SHA256.hex(Array(parts.joined(separator: "\n").utf8))
    }

    /// Runs this command again in a child process under a ``Supervisor``: a checker crash costs
    /// its item (recorded with INPUT-002), not the run.
    private func runSupervised() throws {
        let supervisor = Supervisor(arguments: Array(CommandLine.arguments.dropFirst()), forwardsStandardOutput: out == nil)
        let ending = supervisor.run { crash in
            let what = crash.isTimeout ? "took longer than --item-time-limit \(itemTimeLimit) s" : "crashed the checker (\(crash.signalName))"
            FileHandle.standardError.write(Data("trustaudit: item \(crash.index) \(what); restarting after it, its record says so\n".utf8))
        }
        switch ending {
        case .exited(let code): if code != 0 { throw ExitCode(code) }
        case .signalled(let signal): throw ExitCode(128 + signal)
        case .failed(let reason): throw ValidationError("supervised run failed: \(reason) (rerun with --no-supervise to see the crash)")
        }
    }
}

/// Evidence formats of `check`.
enum EvidenceFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, sarif
}

/// How much of each record `check` writes (`--evidence`).
enum EvidenceMode: String, ExpressibleByArgument, CaseIterable {
    case full, compact
}

/// What the check of one item yields in a run.
enum ItemResult: Sendable {
    /// The evidence, its line as written, the facts for a bundle, and for compact evidence the
    /// plan the line names by digest.
    case record(ItemEvidence, [UInt8], ItemFacts, (String, EvidencePlan)?)
    /// Left out by a filter (its index, which its shard still covers).
    case filtered(Int)
    /// In a shard already complete (`--resume`).
    case alreadyDone
    /// Outside the `--shard START-END` range.
    case outOfRange
}
