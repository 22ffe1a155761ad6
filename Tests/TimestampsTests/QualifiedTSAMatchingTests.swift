import AuditCore
import Certificates
import Foundation
import TestSupport
import Testing
import Timestamps
import TrustedLists

/// Issue #13: a time-stamp whose TSU certificate was issued by a CA that the trusted list names as
/// the TSA/QTST service's digital identity gets its qualified status, and the evidence says which
/// of the two was matched.
@Suite struct QualifiedTSAMatchingTests {
    static let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))
    static let qtst = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"

    static func check(_ id: RequirementID, listing certificate: [UInt8], status: String = "granted") throws -> Finding {
        var inputs = TimestampInputs()
        let list = TrustedListXML.make(certificate: certificate, serviceType: qtst, status: status)
        inputs.trustedLists = TrustedListStore(files: [("list.xml", list)])
        let item = InspectedTimestamp(
            bytes: try Repository.bytes("timestamps/token-ok.tst"), form: .token, inputs: inputs)
        let rule = try #require(TimestampRules.all[id])
        return try #require(rule.evaluate(item, in: context).first)
    }

    static func chain() throws -> [[UInt8]] {
        let pem = String(decoding: try Repository.bytes("timestamps/tsa-chain.pem"), as: UTF8.self)
        return pem.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().compactMap { block in
            let body = block.components(separatedBy: "-----END CERTIFICATE-----")[0].filter { !$0.isWhitespace }
            return Data(base64Encoded: body).map { [UInt8]($0) }
        }
    }

    @Test func tsuIssuedByAListedCAIsGranted() throws {
        let chain = try Self.chain() // root, issuing CA, TSU
        let ca = chain[1]
        let finding = try Self.check("TST-071", listing: ca)
        #expect(finding.outcome == .pass)
        #expect(finding.observed?.contains("issuing CA is the service's digital identity") == true)
    }

    @Test func theRootAboveTheIssuingCAIsNoMatch() throws {
        let root = try Self.chain()[0]
        #expect(try Self.check("TST-071", listing: root).outcome == .notApplicable)
    }

    @Test func tsuListedItselfSaysSo() throws {
        let tsu = try #require(try Self.chain().last)
        let finding = try Self.check("TST-071", listing: tsu)
        #expect(finding.outcome == .pass)
        #expect(finding.observed?.contains("the TSU certificate is the service's digital identity") == true)
    }

    @Test func withdrawnIssuingCAFails() throws {
        let ca = try Self.chain()[1]
        let finding = try Self.check("TST-071", listing: ca, status: "withdrawn")
        #expect(finding.outcome == .fail)
    }
}
