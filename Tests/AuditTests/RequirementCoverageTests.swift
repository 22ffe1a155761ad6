import Audit
import AuditCore
import Certificates
import Foundation
import Pipeline
import TestSupport
import Testing
import TrustedLists

/// Every automatic requirement is shown to work on the project's own vectors: some vector passes
/// it and some vector fails it (chain requirements with the test issuing CA supplied).
@Suite struct RequirementCoverageTests {
    @Test func everyAutomaticRequirementHasAPassingAndAFailingVector() throws {
        let profiles = try ProfileSet.load()
        let issuing = try #require(VectorInputs.items("certificates/issuing-ca.pem").first)
        let tsu = try #require(VectorInputs.items("timestamps/tsa-chain.pem").last)
        let qtst = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
        func store(_ xml: [UInt8]) -> TrustedListStore { TrustedListStore(files: [("list.xml", xml)]) }
        // Trusted lists: the own list naming the test issuing CA (CA/QC granted since 2026-01-01);
        // a list naming no service, so a QcCompliance claim cannot be confirmed; the test TSU as a
        // QTST service granted, and withdrawn before the tokens' genTime.
        let contexts: [(IssuerStore?, TrustedListStore?)] = [
            (nil, nil), (IssuerStore(certificates: [issuing]), nil),
            (nil, store(try Repository.bytes("trusted-lists/tl-v5-minimal.xml"))),
            (nil, store(Array("<tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\"/>".utf8))),
            (nil, store(TrustedListXML.make(certificate: tsu, serviceType: qtst))),
            (
                nil,
                store(
                    TrustedListXML.make(
                        certificate: tsu, serviceType: qtst, status: "withdrawn", since: "2026-01-01T00:00:00Z"))
            ),
        ]
        var outcomes: [RequirementID: Set<Outcome>] = [:]
        func collect(_ records: [ItemEvidence]) {
            for record in records {
                for check in record.checks { outcomes[check.requirement, default: []].insert(check.outcome) }
            }
        }
        for (issuers, lists) in contexts {
            let auditor = try VectorInputs.auditor(issuers: issuers, trustedLists: lists)
            for folder in ["certificates", "timestamps", "trusted-lists", "revocation"] {
                collect(VectorInputs.records(folder, auditor))
            }
        }
        // LOTL pointers: one announcing the own signed list's signer for BE, one announcing another
        // certificate (the list is then not authenticated).
        let signer = try #require(try TrustedListSignerCertificate.of("trusted-lists/tl-signed.xml"))
        for announced in [signer, issuing] {
            let lotl = try #require(
                LOTLPointers(bytes: TrustedListXML.lotl(territory: "BE", certificate: announced), source: "test-lotl"))
            let auditor = try VectorInputs.auditor(lotl: lotl)
            collect(VectorInputs.records("trusted-lists", auditor))
        }
        // CERT-300 is in the profile of unclaimed certificates only; asked of every certificate, the
        // claimed ones pass it.
        collect(
            VectorInputs.records("certificates", try VectorInputs.auditor(args: ["--profile", "rfc5280-end-entity"])))
        // The vectors whose defect needs an input (data, CA, request, policy, TSU certificate).
        for file in try ExpectedVectors.load().files {
            for variant in file.records.compactMap(\.withInputs) {
                collect(VectorInputs.records(file.path, try VectorInputs.auditor(args: variant.args)))
            }
        }
        // TL-003 needs the official XSDs, which may not be committed here; it is shown on the real
        // lists with ../shared's schemas (SignatureVerificationTests) when they are present.
        // INPUT-002 is the record of an item that crashed the checker: only its outcome error exists,
        // shown by CrashContainmentTests through the test-only trap hook.
        for requirement in profiles.catalogue.requirements
        where requirement.automation == .automatic && requirement.id != "TL-003" && requirement.id != "INPUT-002" {
            let seen = outcomes[requirement.id] ?? []
            #expect(seen.contains(.fail), "\(requirement.id) is never failed by a vector")
            // INPUT-001 only runs on unrecognised items, so it can only fail.
            if requirement.id != "INPUT-001" {
                #expect(seen.contains(.pass), "\(requirement.id) is never passed by a vector")
            }
        }
    }
}

/// The KeyInfo certificate of a signed list, read with a plain text search (test helper).
enum TrustedListSignerCertificate {
    static func of(_ path: String) throws -> [UInt8]? {
        let text = String(decoding: try Repository.bytes(path), as: UTF8.self)
        guard let start = text.range(of: "<ds:X509Certificate>"),
            let end = text.range(of: "</ds:X509Certificate>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return Data(base64Encoded: String(text[start.upperBound..<end.lowerBound]), options: .ignoreUnknownCharacters)
            .map { [UInt8]($0) }
    }
}
