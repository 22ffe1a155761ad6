import Audit
import AuditCore
import Certificates
import Foundation
import Pipeline
import Revocation
import SwiftASN1
import Timestamps
import TrustedLists

/// The inputs of a run, loaded and validated once: profiles, issuers, time-stamp inputs,
/// revocation sources, trusted lists authenticated by the LOTL and its anchors, schemas, the
/// validation time — and the `Auditor` built from them. Every unreadable or unusable input is
/// a ``RunError`` before any item is checked.
public struct RunInputs: Sendable {
    public let options: RunOptions
    public let profileSet: ProfileSet
    public let auditor: Auditor
    /// `--at`, or the moment the inputs were loaded.
    public let validationTime: Date
    /// When loading began (the run's start in its manifest).
    public let started: Date
    public let filter: ItemFilter

    /// Loads every input `options` names.
    /// - Parameters:
    ///   - options: what the command line or the caller asked for.
    ///   - warn: told of inputs left out without stopping the run (a trusted list that does not
    ///     authenticate).
    public static func load(_ options: RunOptions, warn: (String) -> Void = { _ in }) throws(RunError) -> RunInputs {
        let started = Date()
        do {
            return try withoutActuallyEscaping(warn) { try Loader(options: options, warn: $0).load(started: started) }
        } catch let error as RunError {
            throw error
        } catch {
            throw RunError.input("\(error)")
        }
    }

    /// The same loaded inputs judged with another profile choice, validation time or standards
    /// set (a request to the server): nothing is read again, only the auditor's plans are built.
    public func reconfigured(profile: String, validationTime: Date, standards: String) throws(RunError) -> RunInputs {
        var options = self.options
        options.profile = profile
        options.standards = standards
        options.at = ISO8601DateFormatter().string(from: validationTime)
        let byIssuance = standards == "by-issuance"
        do {
            let auditor = try Auditor(
                profiles: profileSet, selection: ProfileSelection(argument: profile),
                context: EvaluationContext(validationTime: validationTime), issuers: self.auditor.issuers,
                standards: byIssuance ? nil : try profileSet.standardsSet(named: standards),
                trustedLists: self.auditor.trustedLists, timestampInputs: self.auditor.timestampInputs,
                lotl: self.auditor.lotl,
                schemas: self.auditor.schemas, authentication: self.auditor.authentication,
                standardsByIssuance: byIssuance ? Array(profileSet.standards.values) : [],
                revocationInputs: self.auditor.revocationInputs)
            return RunInputs(
                options: options, profileSet: profileSet, auditor: auditor, validationTime: validationTime,
                started: Date())
        } catch {
            throw RunError.input("\(error)")
        }
    }

    init(options: RunOptions, profileSet: ProfileSet, auditor: Auditor, validationTime: Date, started: Date) {
        self.options = options
        self.profileSet = profileSet
        self.auditor = auditor
        self.validationTime = validationTime
        self.started = started
        self.filter = ItemFilter(
            onlyETSI: options.onlyETSI, issuerContains: options.onlyIssuer,
            validAt: options.validAt.flatMap(RunOptions.parseTime))
    }
}

/// Reads the files `RunOptions` names, in the order the `check` command always has (so that of
/// two bad inputs, the same one is reported).
private struct Loader {
    let options: RunOptions
    let warn: (String) -> Void

    typealias LOTLDocument = (bytes: [UInt8], source: String, pointers: LOTLPointers)

    func load(started: Date) throws -> RunInputs {
        let validationTime = options.at.flatMap(RunOptions.parseTime) ?? started
        let profileSet = try ProfileSet.load(overridesFrom: options.profilesDirectory)
        let lotlDocuments = try loadLOTLDocuments()
        let issuers = try loadIssuers()
        let byIssuance = options.standards == "by-issuance"
        let auditor = try Auditor(
            profiles: profileSet, selection: ProfileSelection(argument: options.profile),
            context: EvaluationContext(validationTime: validationTime), issuers: issuers,
            standards: byIssuance ? nil : try profileSet.standardsSet(named: options.standards),
            trustedLists: try loadTrustedLists(authenticatedBy: lotl(lotlDocuments)),
            timestampInputs: try loadTimestampInputs(), lotl: lotl(lotlDocuments), schemas: try loadSchemas(),
            authentication: try loadAuthentication(lotlDocuments),
            standardsByIssuance: byIssuance ? Array(profileSet.standards.values) : [],
            revocationInputs: try loadRevocationInputs(issuers: issuers))
        return RunInputs(
            options: options, profileSet: profileSet, auditor: auditor, validationTime: validationTime, started: started
        )
    }

    /// The issuer certificates; an issuer file without a decodable certificate is an error.
    func loadIssuers() throws -> IssuerStore? {
        guard !options.issuers.isEmpty else { return nil }
        let store = IssuerStore(certificates: try certificates(in: options.issuers, option: "--issuer"))
        guard store.count > 0 else { throw RunError.input("no --issuer file holds a decodable certificate") }
        return store
    }

    /// The CRL and OCSP status sources and the OCSP request; a source path that holds nothing
    /// readable, or a request that is not an OCSPRequest, is an error.
    func loadRevocationInputs(issuers: IssuerStore?) throws -> RevocationInputs {
        func items(_ paths: [String], _ option: String) throws -> [(source: String, bytes: [UInt8])] {
            var found: [(String, [UInt8])] = []
            for path in paths {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw RunError.input("\(option) \(path) does not exist")
                }
                let reader = InputReader(paths: [path])
                while let item = reader.next() {
                    if item.problem == nil { found.append(((item.source as NSString).lastPathComponent, item.bytes)) }
                }
            }
            return found
        }
        var inputs = RevocationInputs(issuers: issuers)
        if !options.crls.isEmpty || !options.ocspResponses.isEmpty {
            let sources = RevocationSources(
                crls: try items(options.crls, "--crl"), ocspResponses: try items(options.ocspResponses, "--ocsp"),
                issuers: issuers)
            if sources.crls.isEmpty && sources.ocspResponses.isEmpty {
                throw RunError.input(
                    "--crl/--ocsp: no readable CRL or successful OCSP response: "
                        + sources.rejected.map { "\($0.source): \($0.reason)" }.joined(separator: "; "))
            }
            inputs.sources = sources
        }
        if let path = options.ocspRequest {
            guard let data = FileManager.default.contents(atPath: path), let parsed = OCSPRequest(der: [UInt8](data))
            else {
                throw RunError.input("--ocsp-request \(path) is not a readable DER OCSPRequest")
            }
            inputs.ocspRequest = parsed
        }
        return inputs
    }

    /// The compiled schemas.
    func loadSchemas() throws -> TrustedListSchemas? {
        guard let folder = options.schemas else { return nil }
        switch TrustedListSchemas.load(folder: folder) {
        case .success(let compiled): return compiled
        case .failure(let error): throw RunError.input("--schemas: \(error)")
        }
    }

    /// The LOTL documents: one LOTL file, or a snapshot folder whose lists of lists are read.
    func loadLOTLDocuments() throws -> [LOTLDocument] {
        guard let path = options.lotl else { return [] }
        let reader = InputReader(paths: [path])
        var documents: [LOTLDocument] = []
        while let item = reader.next() {
            let name = (item.source as NSString).lastPathComponent
            guard item.problem == nil, let pointers = LOTLPointers(bytes: item.bytes, source: name),
                pointers.isListOfLists
            else {
                continue
            }
            documents.append((item.bytes, name, pointers))
        }
        guard !documents.isEmpty else { throw RunError.input("--lotl \(path) holds no readable list of trusted lists") }
        return documents
    }

    /// The pointers of the LOTL (of a folder: the LOTL with the highest sequence number).
    func lotl(_ documents: [LOTLDocument]) -> LOTLPointers? {
        documents.max { ($0.pointers.sequenceNumber ?? 0) < ($1.pointers.sequenceNumber ?? 0) }?.pointers
    }

    /// The OJ anchor certificates with the LOTL documents as pivots.
    func loadAuthentication(_ documents: [LOTLDocument]) throws -> LOTLAuthentication? {
        guard let anchors = options.anchors else { return nil }
        return LOTLAuthentication(
            anchors: try certificates(in: [anchors], option: "--anchors"),
            anchorSource: (anchors as NSString).lastPathComponent,
            lotls: documents.map { ($0.bytes, $0.source) })
    }

    /// The inputs of the time-stamp checks.
    func loadTimestampInputs() throws -> TimestampInputs {
        func read(_ path: String, _ option: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RunError.input("\(option) \(path) is not readable")
            }
            return [UInt8](data)
        }
        var inputs = TimestampInputs()
        inputs.data = try options.data.map { try read($0, "--data") }
        if let digest = options.digest {
            guard let bytes = Hex.bytes(digest) else { throw RunError.input("--digest must be hex") }
            inputs.digest = bytes
        }
        if let path = options.request {
            guard let parsed = TimeStampRequest(der: try read(path, "--request")) else {
                throw RunError.input("--request \(path) is not a DER TimeStampReq")
            }
            inputs.request = parsed
        }
        inputs.policies = try options.policies.map {
            guard let oid = try? ASN1ObjectIdentifier(dotRepresentation: $0) else {
                throw RunError.input("--policy \($0) is not an OID")
            }
            return oid
        }
        if !options.tsaCAs.isEmpty {
            inputs.anchors = IssuerStore(certificates: try certificates(in: options.tsaCAs, option: "--ca"))
        }
        inputs.tsuCertificates = try certificates(in: options.tsuCertificates, option: "--tsu")
        return inputs
    }

    /// Every decodable item of the files (PEM bundles allowed); a file with none is an error.
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
            if found == 0 { throw RunError.input("\(option) \(path) holds no certificate") }
        }
        return certificates
    }

    /// The trusted-list files (XML, read recursively from folders).
    func loadTrustedLists(authenticatedBy lotl: LOTLPointers?) throws -> TrustedListStore? {
        guard !options.trustedLists.isEmpty else { return nil }
        let reader = InputReader(paths: options.trustedLists)
        var files: [(source: String, bytes: [UInt8])] = []
        while let item = reader.next() {
            if let problem = item.problem { throw RunError.input("--trusted-lists: \(problem)") }
            if ArtefactClassifier().looksLikeXML(item.bytes) { files.append((item.source, item.bytes)) }
        }
        let store = TrustedListStore(files: files, authenticatedBy: lotl)
        for rejected in store.rejected {
            warn("trustaudit: trusted list \(rejected.source) not used: \(rejected.reason)\n")
        }
        guard !store.lists.isEmpty else { throw RunError.input("--trusted-lists holds no usable trusted list") }
        return store
    }
}
