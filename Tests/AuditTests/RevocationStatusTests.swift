import Audit
import AuditCore
import Foundation
import TestSupport
import Testing

/// REV-200 in certificate records: the status a given CRL or OCSP response reports for the
/// certificate at the validation time, only from sources authenticated with `--issuer`.
@Suite struct RevocationStatusTests {
    static let issuer = ["--issuer", "certificates/issuing-ca.pem"]

    static func check(_ path: String, _ args: [String]) throws -> Check? {
        let record = try #require(VectorInputs.records(path, try VectorInputs.auditor(args: args)).first)
        return record.checks.first { $0.requirement == "REV-200" }
    }

    @Test func anOCSPResponseReportsTheRevocationWithDateAndReason() throws {
        let check = try #require(
            try Self.check("revocation/leaf-revoked.pem", Self.issuer + ["--ocsp", "revocation/ocsp-revoked.ocsp"]))
        #expect(check.outcome == .fail && check.grade == .observation)
        #expect(check.observed?.contains("revoked at 20260515000000Z, reason keyCompromise") == true)
        #expect(check.observed?.contains("ocsp-revoked.ocsp") == true)
    }

    @Test func aGoodOCSPResponseForTheSerialPasses() throws {
        let check = try #require(
            try Self.check("revocation/leaf-not-revoked.pem", Self.issuer + ["--ocsp", "revocation/ocsp-ok.ocsp"]))
        #expect(check.outcome == .pass)
        #expect(check.observed?.hasPrefix("good per ocsp-ok.ocsp") == true)
    }

    @Test func aResponseAboutAnotherSerialGivesNoStatus() throws {
        let check = try #require(
            try Self.check("revocation/leaf-revoked.pem", Self.issuer + ["--ocsp", "revocation/ocsp-ok.ocsp"]))
        #expect(check.outcome == .notChecked)
        #expect(check.message?.contains("no given OCSP response answers for its serial number") == true)
    }

    @Test func aCRLWhoseSignatureFailsIsNotASource() throws {
        let check = try #require(
            try Self.check("revocation/leaf-revoked.pem", Self.issuer + ["--crl", "revocation/crl-bad-signature.crl"]))
        #expect(check.outcome == .notChecked)
        #expect(check.message?.contains("crl-bad-signature.crl is not authenticated") == true)
    }

    @Test func aCRLIsNotASourceBeforeItsThisUpdate() throws {
        // crl-ok.crl is issued 2026-06-01; at 2026-05-20 it cannot say the certificate was good.
        let auditor = try Auditor(
            profiles: try ProfileSet.load(), selection: .automatic,
            context: EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_779_235_200)),
            revocationInputs: try VectorInputs.auditor(args: Self.issuer + ["--crl", "revocation/crl-ok.crl"])
                .revocationInputs)
        let record = try #require(VectorInputs.records("revocation/leaf-not-revoked.pem", auditor).first)
        let check = try #require(record.checks.first { $0.requirement == "REV-200" })
        #expect(check.outcome == .notChecked)
        #expect(check.message?.contains("was issued after the validation time") == true)
    }

    @Test func withoutSourcesTheRecordHasNoStatusCheck() throws {
        #expect(try Self.check("revocation/leaf-revoked.pem", Self.issuer) == nil)
    }
}
