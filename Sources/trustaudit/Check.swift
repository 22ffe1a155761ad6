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

    @Option(name: .long, help: "Standards set to judge against (`trustaudit profiles` lists them; default: latest).")
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

    @Option(name: .long, help: "Trusted lists: the LOTL whose pointers must authenticate each list (TL-072), or a snapshot folder (its newest LOTL; the others serve as pivots).")
    var lotl: String?

    @Option(name: .long, help: "Trusted lists: the LOTL signing certificates published in the Official Journal (PEM); authenticates a LOTL through its pivots (TL-070, TL-071).")
    var anchors: String?

    @Option(name: .long, help: "Trusted lists: folder of the official TS 119 612 XSDs (ts119612-v2.2.1/, ts119612-v2.4.1/, xmldsig/).")
    var schemas: String?

    @Flag(name: .long, help: "Do not print the summary on stderr.")
    var quiet = false

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
        if let at, Self.parseTime(at) == nil {
            throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    func run() throws {
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
                standards: try profileSet.standardsSet(named: standards), trustedLists: try loadTrustedLists(authenticatedBy: loadLOTL(lotlDocuments)),
                timestampInputs: try loadTimestampInputs(), lotl: loadLOTL(lotlDocuments), schemas: try loadSchemas(),
                authentication: try loadAuthentication(lotlDocuments))
        } catch {
            throw ValidationError("\(error)")
        }

        let output: BufferedOutput
        do {
            output = try out.map { try BufferedOutput(path: $0) } ?? BufferedOutput(handle: .standardOutput)
        } catch {
            throw ValidationError("cannot write --out \(out ?? ""): \(error.localizedDescription)")
        }
        let reader = InputReader(paths: inputs)
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        var summary = RunSummary()
        try OrderedParallelExecutor(jobs: jobs).run(
            next: reader.next, size: { $0.bytes.count },
            transform: { item in
                let evidence = auditor.evidence(for: item)
                return (evidence, EvidenceJSON.line(evidence))
            },
            emit: { evidence, line in
                try output.write(line)
                summary.add(evidence)
                progress.update(items: summary.items)
            })
        try output.flush()
        progress.finish()
        if !quiet { FileHandle.standardError.write(Data(summary.text().utf8)) }

        if let manifest {
            let iso = ISO8601DateFormatter()
            let run = RunManifest(
                tool: "trustaudit", toolVersion: TrustAudit.version,
                catalogueSHA256: SHA256.hex(Array(profileSet.documents.filter(\.isCatalogue).map(\.text).joined().utf8)),
                profileSHA256: Dictionary(
                    profileSet.documents.filter { !$0.isCatalogue }.map { ($0.name, SHA256.hex(Array($0.text.utf8))) },
                    uniquingKeysWith: { _, last in last }),
                parameters: [
                    "profile": profile, "jobs": String(jobs), "profiles": profiles ?? "",
                    "issuer": issuer.joined(separator: ","), "standards": standards,
                    "trustedLists": trustedLists.joined(separator: ","), "lotl": lotl ?? "", "anchors": anchors ?? "", "schemas": schemas ?? "",
                ],
                validationTime: iso.string(from: validationTime),
                inputs: reader.inputs.map { RunManifest.Input(path: $0, sha256: nil) },
                startedAt: iso.string(from: started), finishedAt: iso.string(from: Date()), counts: summary.counts)
            do {
                try ManifestWriter.write(run, to: manifest)
            } catch {
                throw ValidationError("cannot write --manifest \(manifest): \(error.localizedDescription)")
            }
        }
        if summary.hasNonConformities { throw ExitCode(Exit.nonConformities) }
    }
}
