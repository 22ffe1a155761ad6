import AuditCore
import Foundation
import TestSupport
import Testing

@testable import Certificates

/// The certificate basics on the project's own vectors: which requirement fails, where, and
/// that everything else still passes.
@Suite struct RFC5280BasicRulesTests {
    static let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))

    static func der(_ name: String) throws -> [UInt8] { try Repository.der("certificates/\(name)") }

    static let basicIDs: [RequirementID] = (0...8).map { RequirementID(String(format: "CERT-%03d", $0)) }

    /// The RFC 5280 basics (CERT-000 … CERT-008) on one vector.
    static func findings(_ name: String) throws -> [Finding] {
        let item = InspectedCertificate(bytes: try der(name))
        return basicIDs.flatMap { CertificateRules.all[$0]!.evaluate(item, in: context) }
    }

    static func failed(_ name: String) throws -> Set<RequirementID> {
        Set(try findings(name).filter { $0.outcome == .fail }.map(\.requirement))
    }

    @Test(arguments: ["root-ca.pem", "issuing-ca.pem", "leaf-ok.pem"])
    func conformingCertificatesPassEveryRule(name: String) throws {
        let findings = try Self.findings(name)
        #expect(findings.allSatisfy { $0.outcome == .pass }, "\(findings.filter { $0.outcome != .pass })")
        #expect(Set(findings.map(\.requirement)) == Set(Self.basicIDs))
    }

    @Test(
        arguments: [
            ("v1.pem", ["CERT-001"]), ("serial-negative.pem", ["CERT-002"]), ("serial-zero.pem", ["CERT-002"]),
            ("serial-21-octets.pem", ["CERT-002"]), ("serial-nonminimal.pem", ["CERT-000", "CERT-002"]),
            ("sigalg-mismatch.pem", ["CERT-003"]), ("sigalg-rsa-params-absent.pem", ["CERT-003"]),
            ("validity-generalized-before-2050.pem", ["CERT-005"]), ("validity-utc-no-seconds.pem", ["CERT-005"]),
            ("validity-inverted.pem", ["CERT-006"]), ("issuer-empty.pem", ["CERT-004"]),
            ("duplicate-extension.pem", ["CERT-008"]), ("ber-indefinite-length.der", ["CERT-000"]),
            ("ber-nonminimal-length.der", ["CERT-000"]), ("ber-boolean-01.der", ["CERT-000"]),
            ("trailing-byte.der", ["CERT-000"]), ("truncated.der", ["CERT-000"]),
        ] as [(String, [RequirementID])])
    func eachBrokenVectorTripsExactlyItsRequirements(name: String, expected: [RequirementID]) throws {
        #expect(try Self.failed(name) == Set(expected))
    }

    @Test func berInputIsStillCheckedBeyondTheDERFinding() throws {
        // The indefinite-length certificate decodes leniently, so CERT-001…008 are evaluated.
        let findings = try Self.findings("ber-indefinite-length.der")
        #expect(findings.filter { $0.requirement != "CERT-000" }.allSatisfy { $0.outcome == .pass })
        let der = findings.filter { $0.requirement == "CERT-000" }
        #expect(der.first?.location == "byte 1")
    }

    @Test func truncatedCertificateLeavesOtherRequirementsNotChecked() throws {
        let findings = try Self.findings("truncated.der")
        #expect(
            findings.first { $0.requirement == "CERT-000" }?.message
                == "truncated: declares 842 content bytes, only 196 remain")
        let others = findings.filter { $0.requirement != "CERT-000" }
        #expect(!others.isEmpty && others.allSatisfy { $0.outcome == .notChecked })
    }

    @Test func booleanViolationIsLocatedAtItsContentOctet() throws {
        let finding = try Self.findings("ber-boolean-01.der").first {
            $0.requirement == "CERT-000" && $0.outcome == .fail
        }
        #expect(finding?.location == "byte 563")
        #expect(finding?.message?.contains("0xFF") == true)
    }

    @Test func trailingByteIsLocated() throws {
        let finding = try Self.findings("trailing-byte.der").first { $0.outcome == .fail }
        #expect(finding?.location == "byte 846")
    }

    @Test func signatureAlgorithmMismatchShowsBothAlgorithms() throws {
        let finding = try Self.findings("sigalg-mismatch.pem").first { $0.outcome == .fail }
        #expect(finding?.observed?.contains("1.2.840.113549.1.1.11") == true)
        #expect(finding?.observed?.contains("1.2.840.113549.1.1.12") == true)
    }

    @Test func validityDatesAreReadForOrdering() throws {
        let inspected = InspectedCertificate(bytes: try Self.der("leaf-ok.pem"))
        let certificate = try #require(inspected.certificate)
        #expect(certificate.tbs.notBefore.secondsSince1970 == 1_767_225_600) // 2026-01-01T00:00:00Z
        #expect(certificate.tbs.notAfter.secondsSince1970 == 1_798_761_600) // 2027-01-01T00:00:00Z
        #expect(inspected.extensions?.isCA == false)
        #expect(certificate.tbs.version == 2)
    }

    @Test func detectedTypes() throws {
        #expect(InspectedCertificate(bytes: try Self.der("root-ca.pem")).detection.type == .ca)
        #expect(InspectedCertificate(bytes: try Self.der("leaf-ok.pem")).detection.type == .endEntity)
        #expect(InspectedCertificate(bytes: try Self.der("truncated.der")).detection.type == .undecodable)
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 10, 100, 1000] {
            for _ in 0..<50 {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if !bytes.isEmpty { bytes[0] = 0x30 }
                let item = InspectedCertificate(bytes: bytes)
                _ = item.detection
                _ = CertificateRules.all.rules.flatMap { $0.evaluate(item, in: Self.context) }
            }
        }
    }
}

@Suite struct CertificateTimeTests {
    @Test(
        arguments: [
            (0, "1970-01-01T00:00:00Z"), (1_780_315_200, "2026-06-01T12:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"), (-1, "1969-12-31T23:59:59Z"),
            // The edges of the four-digit fast path, and years outside it.
            (253_402_300_799, "9999-12-31T23:59:59Z"), (253_402_300_800, "10000-01-01T00:00:00Z"),
            (-30_610_224_000, "1000-01-01T00:00:00Z"), (-30_610_224_001, "999-12-31T23:59:59Z"),
        ] as [(Int64, String)])
    func iso8601MatchesTheCalendar(seconds: Int64, text: String) {
        #expect(CertificateTime.iso8601(secondsSince1970: seconds) == text)
    }
}
