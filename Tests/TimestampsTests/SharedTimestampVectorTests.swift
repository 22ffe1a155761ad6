import Audit
import AuditCore
import Certificates
import Foundation
import TestSupport
import Testing
import Timestamps

/// The shared research set of RFC 3161 responses (`../shared/vectors/timestamps`): every
/// vector's verdict and requirement ids, and parity with `openssl ts -verify` on the
/// cryptography.
@Suite struct SharedTimestampVectorTests {
    struct Expected: Decodable {
        struct Finding: Decodable {
            var id: String
            var severity: String
        }
        struct Vector: Decodable {
            var verdict: String
            var findings: [Finding]
            var inputs: [String: String]
        }
        struct Extra: Decodable {
            var vector: String
            var inputs: [String: String]
            var verdict: String
            var findings: [Finding]
        }
        var global_findings: [Finding]
        var vectors: [String: Vector]
        var extra_checks: [Extra]
    }

    static let verdicts: [String: Set<Verdict>] = [
        "valid": [.conforming, .observation], "valid-with-warnings": [.minor, .observation],
        "invalid": [.major], "rejected": [.major],
    ]

    static func der(_ url: URL) throws -> [[UInt8]] { Repository.derBlocks([UInt8](try Data(contentsOf: url))) }

    static func evaluate(_ folder: URL, _ name: String, _ inputs: [String: String]) throws -> ItemEvidence {
        var supplied = TimestampInputs()
        if let data = inputs["data"] {
            supplied.data = [UInt8](try Data(contentsOf: folder.appendingPathComponent(data)))
        }
        if let ca = inputs["CAfile"] {
            supplied.anchors = IssuerStore(certificates: try der(folder.appendingPathComponent(ca)))
        }
        if let tsu = inputs["untrusted"] { supplied.tsuCertificates = try der(folder.appendingPathComponent(tsu)) }
        if let request = inputs["request"] {
            supplied.request = TimeStampRequest(
                der: [UInt8](try Data(contentsOf: folder.appendingPathComponent(request))))
        }
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("responses/\(name).tsr")))
        let item = InspectedTimestamp(bytes: bytes, form: .response, inputs: supplied)
        let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))
        let profiles = try ProfileSet.load()
        let profile = try profiles.profile(named: "en319422-tst")
        let checks = Evaluation(catalogue: profiles.catalogue, profile: profile).checks(
            for: TimestampRules.all.evaluate(item, profile: profile, in: context))
        return ItemEvidence(
            index: 0, source: name, sha256: "", kind: .timestamp, type: "response", profile: profile.name,
            profileReason: "", checks: checks)
    }

    @Test func everyVectorAndExtraCheckMatches() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let folder = shared.appendingPathComponent("timestamps")
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        // Findings every vector shares (no privateKeyUsagePeriod, no revocation data) are listed once.
        let global = Set(expected.global_findings.map(\.id))
        let cases =
            expected.vectors.map { ($0.key, $0.value.inputs, $0.value.verdict, $0.value.findings) }
            + expected.extra_checks.map { ($0.vector, $0.inputs, $0.verdict, $0.findings) }
        #expect(cases.count >= 41)
        for (name, inputs, verdict, findings) in cases {
            let record = try Self.evaluate(folder, name, inputs)
            #expect(
                Self.verdicts[verdict]?.contains(record.verdict) == true,
                "\(name) \(inputs): \(record.verdict) for \(verdict)")
            #expect(
                Set(record.failedRequirements.map(\.rawValue)) == Set(findings.map(\.id)).subtracting(global),
                "\(name) \(inputs)")
        }
    }

    /// Where `openssl ts -verify` accepts a token we pass the cryptography (TST-013/-014/-016/-058),
    /// and where it rejects it we fail at least one of them.
    @Test func cryptographyAgreesWithOpenSSL() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let folder = shared.appendingPathComponent("timestamps")
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        // What `openssl ts -verify` judges: encoding it can read, digest, signature, signer
        // identification, the TSU certificate's purpose (EKU, key usage) and validity, the chain,
        // the response status, the imprint against -data and the nonce against -queryfile.
        let verified: Set<String> = [
            "TST-001", "TST-002", "TST-013", "TST-014", "TST-016", "TST-035", "TST-041", "TST-050", "TST-051",
            "TST-052",
            "TST-057", "TST-058",
        ]
        let rows = try String(contentsOf: folder.appendingPathComponent("openssl-verify.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
        var compared = 0
        for row in rows where row.count >= 3 {
            guard let vector = expected.vectors[row[0]] else { continue }
            // The row's own arguments override the vector's default inputs.
            var inputs = vector.inputs
            let words = row[1].split(separator: " ").map(String.init)
            for (flag, key) in [
                ("-CAfile", "CAfile"), ("-data", "data"), ("-untrusted", "untrusted"), ("-queryfile", "request"),
            ] {
                if let at = words.firstIndex(of: flag), at + 1 < words.count { inputs[key] = words[at + 1] }
            }
            let record = try Self.evaluate(folder, row[0], inputs)
            let failed = Set(record.failedRequirements.map(\.rawValue)).intersection(verified)
            if row[2] == "0" {
                // OpenSSL accepts trailing bytes after the DER; that is TST-001's finding, not crypto.
                #expect(
                    failed.subtracting(["TST-001"]).isEmpty, "\(row[0]): openssl OK, ours \(record.failedRequirements)")
            } else {
                #expect(!failed.isEmpty, "\(row[0]): openssl failed (\(row[3])), ours \(record.failedRequirements)")
            }
            compared += 1
        }
        #expect(compared >= 30)
    }
}
