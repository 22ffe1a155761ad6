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

    @Option(name: .long, help: "Trusted lists: the LOTL whose pointers must authenticate each list (TL-072).")
    var lotl: String?

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

    /// The `--issuer` certificates; an issuer file without a decodable certificate is a usage error.
    func loadIssuers() throws -> IssuerStore? {
        guard !issuer.isEmpty else { return nil }
        let store = IssuerStore(certificates: try certificates(in: issuer, option: "--issuer"))
        guard store.count > 0 else { throw ValidationError("no --issuer file holds a decodable certificate") }
        return store
    }

    /// The compiled `--schemas`.
    func loadSchemas() throws -> TrustedListSchemas? {
        guard let schemas else { return nil }
        switch TrustedListSchemas.load(folder: schemas) {
        case .success(let compiled): return compiled
        case .failure(let error): throw ValidationError("--schemas: \(error)")
        }
    }

    /// The `--lotl` list's pointers.
    func loadLOTL() throws -> LOTLPointers? {
        guard let lotl else { return nil }
        guard let data = FileManager.default.contents(atPath: lotl),
            let pointers = LOTLPointers(bytes: [UInt8](data), source: (lotl as NSString).lastPathComponent)
        else { throw ValidationError("--lotl \(lotl) is not a readable trusted list") }
        return pointers
    }

    /// The inputs of the time-stamp checks.
    func loadTimestampInputs() throws -> TimestampInputs {
        func read(_ path: String, _ option: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(option) \(path) is not readable") }
            return [UInt8](data)
        }
        var inputs = TimestampInputs()
        inputs.data = try data.map { try read($0, "--data") }
        if let digest {
            let hex = Array(digest.utf8)
            guard hex.count % 2 == 0, let bytes = Optional(stride(from: 0, to: hex.count, by: 2).compactMap({ UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) })),
                bytes.count * 2 == hex.count
            else { throw ValidationError("--digest must be hex") }
            inputs.digest = bytes
        }
        if let request {
            guard let parsed = TimeStampRequest(der: try read(request, "--request")) else {
                throw ValidationError("--request \(request) is not a DER TimeStampReq")
            }
            inputs.request = parsed
        }
        inputs.policies = try policy.map {
            guard let oid = try? ASN1ObjectIdentifier(dotRepresentation: $0) else { throw ValidationError("--policy \($0) is not an OID") }
            return oid
        }
        if !ca.isEmpty { inputs.anchors = IssuerStore(certificates: try certificates(in: ca, option: "--ca")) }
        inputs.tsuCertificates = try certificates(in: tsu, option: "--tsu")
        return inputs
    }

    /// Every decodable item of the files (PEM bundles allowed); a file with none is a usage error.
    func certificates(in paths: [String], option: String) throws -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        for path in paths {
            let reader = InputReader(paths: [path])
            var found = 0
            while let item = reader.next() {
                guard item.problem == nil else { continue }
                certificates.append(item.bytes)
                found += 1
            }
            if found == 0 { throw ValidationError("\(option) \(path) holds no certificate") }
        }
        return certificates
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
                standards: try profileSet.standardsSet(named: standards), trustedLists: try loadTrustedLists(),
                timestampInputs: try loadTimestampInputs(), lotl: try loadLOTL(), schemas: try loadSchemas())
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
                    "trustedLists": trustedLists.joined(separator: ","), "lotl": lotl ?? "", "schemas": schemas ?? "",
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
