import ArgumentParser
import Audit
import AuditCore
import Bundle
import Certificates
import Foundation
import Pipeline
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

    @Flag(name: .long, help: "Do not print the summary on stderr.")
    var quiet = false

    @Argument(help: "Files, directories, or - for stdin.")
    var inputs: [String]

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard !inputs.isEmpty else { throw ValidationError("give at least one INPUT (file, directory or -)") }
        for path in issuer where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("--issuer \(path) is not a readable file")
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

    /// The `--issuer` certificates; an issuer file without a decodable certificate is a usage error.
    func loadIssuers() throws -> IssuerStore? {
        guard !issuer.isEmpty else { return nil }
        var certificates: [[UInt8]] = []
        for path in issuer {
            let reader = InputReader(paths: [path])
            var found = 0
            while let item = reader.next() {
                guard item.problem == nil else { continue }
                certificates.append(item.bytes)
                found += 1
            }
            if found == 0 { throw ValidationError("--issuer \(path) holds no certificate") }
        }
        let store = IssuerStore(certificates: certificates)
        guard store.count > 0 else { throw ValidationError("no --issuer file holds a decodable certificate") }
        return store
    }

    /// The `--trusted-lists` files (XML, read recursively from directories).
    func loadTrustedLists() throws -> TrustedListStore? {
        guard !trustedLists.isEmpty else { return nil }
        let reader = InputReader(paths: trustedLists)
        var files: [(source: String, bytes: [UInt8])] = []
        while let item = reader.next() {
            if let problem = item.problem { throw ValidationError("--trusted-lists: \(problem)") }
            if item.bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) == 0x3C {
                files.append((item.source, item.bytes))
            }
        }
        let store = TrustedListStore(files: files)
        for rejected in store.rejected {
            FileHandle.standardError.write(Data("trustaudit: trusted list \(rejected.source) not used: \(rejected.reason)\n".utf8))
        }
        guard !store.lists.isEmpty else { throw ValidationError("--trusted-lists holds no usable trusted list") }
        return store
    }

    func run() throws {
        let started = Date()
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let validationTime = at.flatMap(Self.parseTime) ?? started
        let profileSet: ProfileSet
        let auditor: Auditor
        do {
            profileSet = try ProfileSet.load(overridesFrom: profiles)
            auditor = try Auditor(
                profiles: profileSet, selection: ProfileSelection(argument: profile),
                context: EvaluationContext(validationTime: validationTime), issuers: try loadIssuers(),
                standards: try profileSet.standardsSet(named: standards), trustedLists: try loadTrustedLists())
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
                    "trustedLists": trustedLists.joined(separator: ","),
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
