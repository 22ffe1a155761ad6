import AuditCore
import Certificates
import Foundation
import TestSupport
import Testing

/// Signature, key-identifier and validity chaining with supplied issuers (OpenSSL verification).
@Suite struct ChainRulesTests {
    static let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))

    static func evaluate(_ der: [UInt8], issuers: [[UInt8]]?, _ ids: [RequirementID]) -> [Finding] {
        let item = InspectedCertificate(bytes: der, issuers: issuers.map { IssuerStore(certificates: $0) })
        return ids.flatMap { CertificateRules.all[$0]!.evaluate(item, in: context) }
    }

    static func outcome(_ findings: [Finding], _ id: RequirementID) -> Outcome? {
        findings.first { $0.requirement == id }?.outcome
    }

    @Test func signatureVerifiesWithTheSuppliedIssuer() throws {
        let findings = Self.evaluate(
            try RFC5280BasicRulesTests.der("etsi/qcp-n-qscd__ok.pem"),
            issuers: [try RFC5280BasicRulesTests.der("issuing-ca.pem")],
            ["CERT-018", "CERT-004", "CERT-009", "CERT-231"])
        #expect(findings.allSatisfy { $0.outcome == .pass }, "\(findings)")
    }

    @Test func selfSignedRootVerifiesWithItsOwnKey() throws {
        let findings = Self.evaluate(try RFC5280BasicRulesTests.der("root-ca.pem"), issuers: nil, ["CERT-018"])
        #expect(Self.outcome(findings, "CERT-018") == .pass)
    }

    @Test func alteredSignatureFails() throws {
        var der = try RFC5280BasicRulesTests.der("leaf-ok.pem")
        der[der.count - 1] ^= 0x01
        let findings = Self.evaluate(der, issuers: [try RFC5280BasicRulesTests.der("issuing-ca.pem")], ["CERT-018"])
        #expect(Self.outcome(findings, "CERT-018") == .fail)
    }

    @Test func algorithmMismatchMakesTheSignatureFail() throws {
        let findings = Self.evaluate(
            try RFC5280BasicRulesTests.der("sigalg-mismatch.pem"),
            issuers: [try RFC5280BasicRulesTests.der("issuing-ca.pem")],
            ["CERT-018"])
        #expect(Self.outcome(findings, "CERT-018") == .fail)
    }

    @Test func withoutIssuerTheChainChecksAreNotChecked() throws {
        let der = try RFC5280BasicRulesTests.der("leaf-ok.pem")
        let none = Self.evaluate(der, issuers: nil, ["CERT-018"])
        #expect(Self.outcome(none, "CERT-018") == .notChecked)
        #expect(none.first?.message?.contains("--issuer") == true)
        let wrong = Self.evaluate(
            try RFC5280BasicRulesTests.der("etsi/ca__ok.pem"),
            issuers: [try RFC5280BasicRulesTests.der("issuing-ca.pem")],
            ["CERT-018", "CERT-004"])
        #expect(wrong.allSatisfy { $0.outcome == .notChecked })
    }
}
