import Audit
import AuditCore
import Certificates
import Foundation
import Pipeline
import Revocation
import SwiftASN1
import TestSupport
import Testing
import Timestamps
import TrustedLists

/// Builds an Auditor from the command-line style inputs recorded in `expected.json`
/// (`withInputs.args`, paths relative to TestVectors/), as `trustaudit check` would.
enum VectorInputs {
    static let time = Date(timeIntervalSince1970: 1_780_315_200)

    static func items(_ path: String) -> [[UInt8]] {
        let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent(path).path])
        var items: [[UInt8]] = []
        while let item = reader.next() {
            if item.problem == nil { items.append(item.bytes) }
        }
        return items
    }

    static func auditor(
        args: [String] = [], issuers: IssuerStore? = nil, trustedLists: TrustedListStore? = nil,
        lotl: LOTLPointers? = nil
    ) throws -> Auditor {
        var inputs = TimestampInputs()
        var lotl = lotl
        var lotlDocuments: [(bytes: [UInt8], source: String)] = []
        var anchors: [[UInt8]]?
        var selection = ProfileSelection.automatic
        var standards: StandardsSet?
        var byIssuance: [StandardsSet] = []
        var issuers = issuers
        var crls: [(source: String, bytes: [UInt8])] = []
        var ocspResponses: [(source: String, bytes: [UInt8])] = []
        var ocspRequest: OCSPRequest?
        var index = 0
        while index + 1 < args.count {
            let value = args[index + 1]
            switch args[index] {
            case "--data": inputs.data = try Repository.bytes(value)
            case "--ca": inputs.anchors = IssuerStore(certificates: items(value))
            case "--tsu": inputs.tsuCertificates = items(value)
            case "--request": inputs.request = TimeStampRequest(der: try Repository.bytes(value))
            case "--policy": inputs.policies.append(try ASN1ObjectIdentifier(dotRepresentation: value))
            case "--lotl":
                let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent(value).path])
                var newest: LOTLPointers?
                while let item = reader.next() {
                    guard item.problem == nil, let pointers = LOTLPointers(bytes: item.bytes, source: item.source),
                        pointers.isListOfLists
                    else { continue }
                    lotlDocuments.append((item.bytes, item.source))
                    if (pointers.sequenceNumber ?? 0) >= (newest?.sequenceNumber ?? 0) { newest = pointers }
                }
                lotl = newest
            case "--anchors": anchors = items(value)
            case "--issuer": issuers = issuers?.adding(items(value)) ?? IssuerStore(certificates: items(value))
            // Sources are named by file name, as `trustaudit check` names them.
            case "--crl": crls += items(value).map { ((value as NSString).lastPathComponent, $0) }
            case "--ocsp": ocspResponses += items(value).map { ((value as NSString).lastPathComponent, $0) }
            case "--ocsp-request":
                let request: OCSPRequest? = OCSPRequest(der: try Repository.bytes(value))
                if request == nil { Issue.record("\(value) is not a DER OCSPRequest") }
                ocspRequest = request
            case "--profile": selection = ProfileSelection(argument: value)
            case "--standards":
                let set = try ProfileSet.load()
                if value == "by-issuance" {
                    byIssuance = Array(set.standards.values)
                } else {
                    standards = try set.standardsSet(named: value)
                }
            default: Issue.record("unsupported vector argument \(args[index])")
            }
            index += 2
        }
        var revocation = RevocationInputs(issuers: issuers, ocspRequest: ocspRequest)
        if !crls.isEmpty || !ocspResponses.isEmpty {
            revocation.sources = RevocationSources(crls: crls, ocspResponses: ocspResponses, issuers: issuers)
        }
        return try Auditor(
            profiles: try ProfileSet.load(), selection: selection, context: EvaluationContext(validationTime: time),
            issuers: issuers, standards: standards, trustedLists: trustedLists, timestampInputs: inputs, lotl: lotl,
            authentication: anchors.map {
                LOTLAuthentication(anchors: $0, anchorSource: "anchors", lotls: lotlDocuments)
            },
            standardsByIssuance: byIssuance, revocationInputs: revocation)
    }

    static func records(_ path: String, _ auditor: Auditor) -> [ItemEvidence] {
        let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent(path).path])
        var records: [ItemEvidence] = []
        while let item = reader.next() { records.append(auditor.evidence(for: item)) }
        return records
    }
}
