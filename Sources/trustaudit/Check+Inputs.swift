import ArgumentParser
import AuditCore
import Bundle
import Certificates
import Foundation
import Pipeline
import Revocation
import SwiftASN1
import Timestamps
import TrustedLists

/// Loading the run's inputs named by the options (certificates, CA anchors, trusted lists, the
/// LOTL, schemas, time-stamp data and request): every unreadable or unusable one is a usage error
/// (exit 2), before any item is checked.
extension Check {
    /// The `--issuer` certificates; an issuer file without a decodable certificate is a usage error.
    func loadIssuers() throws -> IssuerStore? {
        guard !issuer.isEmpty else { return nil }
        let store = IssuerStore(certificates: try certificates(in: issuer, option: "--issuer"))
        guard store.count > 0 else { throw ValidationError("no --issuer file holds a decodable certificate") }
        return store
    }

    /// The `--crl` and `--ocsp` status sources and the `--ocsp-request`; a source path that holds
    /// nothing readable, or a request that is not an OCSPRequest, is a usage error.
    func loadRevocationInputs(issuers: IssuerStore?) throws -> RevocationInputs {
        func items(_ paths: [String], _ option: String) throws -> [(source: String, bytes: [UInt8])] {
            var found: [(String, [UInt8])] = []
            for path in paths {
                guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(option) \(path) does not exist") }
                let reader = InputReader(paths: [path])
                while let item = reader.next() {
                    if item.problem == nil { found.append(((item.source as NSString).lastPathComponent, item.bytes)) }
                }
            }
            return found
        }
        var inputs = RevocationInputs(issuers: issuers)
        if !crl.isEmpty || !ocsp.isEmpty {
            let sources = RevocationSources(crls: try items(crl, "--crl"), ocspResponses: try items(ocsp, "--ocsp"), issuers: issuers)
            if sources.crls.isEmpty && sources.ocspResponses.isEmpty {
                throw ValidationError("--crl/--ocsp: no readable CRL or successful OCSP response: "
                    + sources.rejected.map { "\($0.source): \($0.reason)" }.joined(separator: "; "))
            }
            inputs.sources = sources
        }
        if let ocspRequest {
            guard let data = FileManager.default.contents(atPath: ocspRequest), let parsed = OCSPRequest(der: [UInt8](data)) else {
                throw ValidationError("--ocsp-request \(ocspRequest) is not a readable DER OCSPRequest")
            }
            inputs.ocspRequest = parsed
        }
        return inputs
    }

    /// The compiled `--schemas`.
    func loadSchemas() throws -> TrustedListSchemas? {
        guard let schemas else { return nil }
        switch TrustedListSchemas.load(folder: schemas) {
        case .success(let compiled): return compiled
        case .failure(let error): throw ValidationError("--schemas: \(error)")
        }
    }

    /// The `--lotl` documents: one LOTL file, or a snapshot folder whose lists of lists are read.
    func loadLOTLDocuments() throws -> [(bytes: [UInt8], source: String, pointers: LOTLPointers)] {
        guard let lotl else { return [] }
        let reader = InputReader(paths: [lotl])
        var documents: [(bytes: [UInt8], source: String, pointers: LOTLPointers)] = []
        while let item = reader.next() {
            guard item.problem == nil, let pointers = LOTLPointers(bytes: item.bytes, source: (item.source as NSString).lastPathComponent),
                pointers.isListOfLists
            else { continue }
            documents.append((item.bytes, (item.source as NSString).lastPathComponent, pointers))
        }
        guard !documents.isEmpty else { throw ValidationError("--lotl \(lotl) holds no readable list of trusted lists") }
        return documents
    }

    /// The pointers of the `--lotl` list (of a folder: the LOTL with the highest sequence number).
    func loadLOTL(_ documents: [(bytes: [UInt8], source: String, pointers: LOTLPointers)]) -> LOTLPointers? {
        documents.max { ($0.pointers.sequenceNumber ?? 0) < ($1.pointers.sequenceNumber ?? 0) }?.pointers
    }

    /// The `--anchors` OJ certificates with the `--lotl` lists as pivots.
    func loadAuthentication(_ documents: [(bytes: [UInt8], source: String, pointers: LOTLPointers)]) throws -> LOTLAuthentication? {
        guard let anchors else { return nil }
        return LOTLAuthentication(
            anchors: try certificates(in: [anchors], option: "--anchors"), anchorSource: (anchors as NSString).lastPathComponent,
            lotls: documents.map { ($0.bytes, $0.source) })
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
    func loadTrustedLists(authenticatedBy lotl: LOTLPointers?) throws -> TrustedListStore? {
        guard !trustedLists.isEmpty else { return nil }
        let reader = InputReader(paths: trustedLists)
        var files: [(source: String, bytes: [UInt8])] = []
        while let item = reader.next() {
            if let problem = item.problem { throw ValidationError("--trusted-lists: \(problem)") }
            if item.bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) == 0x3C {
                files.append((item.source, item.bytes))
            }
        }
        let store = TrustedListStore(files: files, authenticatedBy: lotl)
        for rejected in store.rejected {
            FileHandle.standardError.write(Data("trustaudit: trusted list \(rejected.source) not used: \(rejected.reason)\n".utf8))
        }
        guard !store.lists.isEmpty else { throw ValidationError("--trusted-lists holds no usable trusted list") }
        return store
    }

    /// The bundle signer (`--sign-key`), tried once so a wrong key or password stops the run early.
    func loadSigner() throws -> BundleSigner? {
        guard let signKey else {
            if signCert != nil { throw ValidationError("--sign-cert needs --sign-key") }
            return nil
        }
        guard bundle != nil else { throw ValidationError("--sign-key signs a bundle: give --bundle DIR") }
        var password: String?
        if let file = signPasswordFile {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("--sign-password-file \(file) is not readable") }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        do {
            return try BundleSigner(keyPath: signKey, certificatePath: signCert, password: password)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The run manifest: tool and build, catalogue and profile hashes, parameters, validation
    /// time, every input file with its SHA-256, the sampling record of a sample input, counts.
    func runManifest(
        profileSet: ProfileSet, jobs: Int, validationTime: Date, started: Date, reader: InputReader, summary: RunSummary
    ) -> RunManifest {
        let iso = ISO8601DateFormatter()
        var run = RunManifest(
            tool: "trustaudit", toolVersion: TrustAudit.version,
            catalogueSHA256: SHA256.hex(Array(profileSet.documents.filter(\.isCatalogue).map(\.text).joined().utf8)),
            profileSHA256: Dictionary(
                profileSet.documents.filter { !$0.isCatalogue }.map { ($0.name, SHA256.hex(Array($0.text.utf8))) },
                uniquingKeysWith: { _, last in last }),
            parameters: [
                "profile": profile, "jobs": String(jobs), "profiles": profiles ?? "",
                "issuer": issuer.joined(separator: ","), "standards": standards,
                "trustedLists": trustedLists.joined(separator: ","), "lotl": lotl ?? "", "anchors": anchors ?? "", "schemas": schemas ?? "",
                "onlyEtsi": String(onlyEtsi), "onlyIssuer": onlyIssuer.joined(separator: ","), "validAt": validAt ?? "",
            ],
            validationTime: iso.string(from: validationTime),
            inputs: reader.files.map { RunManifest.Input(path: $0, sha256: $0 == "-" ? nil : try? FileDigest.sha256(path: $0)) },
            startedAt: iso.string(from: started), finishedAt: iso.string(from: Date()), counts: summary.counts)
        run.build = TrustAudit.build
        run.sampling = reader.samplingRecords.first
        return run
    }
}
