import Audit
import AuditCore
import Foundation
import Pipeline
import TestSupport
import Testing

/// Every file of `TestVectors/expected.json` gives exactly the expected records: same count,
/// kind, verdict and failed requirement ids.
@Suite struct ExpectedVerdictTests {
    static let auditor: Auditor = {
        try! Auditor(
            profiles: try! ProfileSet.load(), selection: .automatic,
            context: EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200)))
    }()

    static func records(_ path: String) -> [ItemEvidence] {
        let reader = InputReader(paths: [path])
        var records: [ItemEvidence] = []
        while let item = reader.next() { records.append(auditor.evidence(for: item)) }
        return records
    }

    static let expected = try! ExpectedVectors.load()

    @Test(arguments: expected.files.map(\.path))
    func vectorMatchesExpectation(path: String) throws {
        let file = try #require(Self.expected.files.first { $0.path == path })
        let records = Self.records(Repository.testVectors.appendingPathComponent(path).path)
        try #require(records.count == file.records.count, "items in ≠ records out for \(path)")
        for (record, expected) in zip(records, file.records) {
            #expect(record.kind.rawValue == expected.kind, "\(record.source)")
            #expect(record.verdict.rawValue == expected.verdict, "\(record.source)")
            #expect(Set(record.failedRequirements.map(\.rawValue)) == Set(expected.failed), "\(record.source)")
            if let profile = expected.profile {
                #expect(record.profile == profile, "\(record.source): \(record.profileReason)")
            }
        }
        for (position, expected) in file.records.enumerated() {
            guard let variant = expected.withInputs else { continue }
            let record = try #require(
                VectorInputs.records(path, try VectorInputs.auditor(args: variant.args)).dropFirst(position).first)
            #expect(record.verdict.rawValue == variant.verdict, "\(record.source) \(variant.args)")
            #expect(
                Set(record.failedRequirements.map(\.rawValue)) == Set(variant.failed),
                "\(record.source) \(variant.args)")
        }
    }

    @Test func everyInputFileHasAnExpectation() {
        let listed = Set(Self.expected.files.map(\.path) + (Self.expected.nonInputs ?? []))
        for folder in ["certificates", "timestamps", "trusted-lists", "revocation"] {
            let base = Repository.testVectors.path + "/"
            for url in Repository.files(under: Repository.testVectors.appendingPathComponent(folder)) {
                let relative = String(url.path.dropFirst(base.count))
                #expect(listed.contains(relative), "\(relative) has no entry in expected.json")
            }
        }
    }

    @Test func evidenceCarriesCitationsAndProfileReason() throws {
        let record = try #require(
            Self.records(Repository.testVectors.appendingPathComponent("certificates/v1.pem").path).first)
        #expect(record.source.hasSuffix("certificates/v1.pem#1"))
        #expect(record.profile == "rfc5280-end-entity")
        #expect(record.profileReason.hasPrefix("auto: endEntity from no ETSI or CA/B Forum claim"))
        let check = try #require(record.checks.first { $0.requirement == "CERT-001" })
        #expect(check.standard == "IETF RFC 5280")
        #expect(check.clause == "4.1.2.1")
        #expect(check.outcome == .fail)
        #expect(check.grade == .major)
        #expect(check.message?.contains("Fix:") == true)
        #expect(record.checks.count == 23)
        let unclaimed = try #require(record.checks.first { $0.requirement == "CERT-300" })
        #expect(unclaimed.outcome == .fail && unclaimed.grade == .observation)
        #expect(record.sha256.count == 64)
    }

    @Test func requestedProfileOfAnotherKindFallsBackToTheKindDefault() throws {
        let auditor = try Auditor(
            profiles: try ProfileSet.load(), selection: .named("rfc5280-basics"),
            context: EvaluationContext(validationTime: Date()))
        let token = InputItem(index: 0, source: "t", bytes: try Repository.bytes("timestamps/token-ok.tst"))
        let record = auditor.evidence(for: token)
        #expect(record.profile == "en319422-tst")
        #expect(record.profileReason.contains("--profile rfc5280-basics is for certificate items"))
    }

    @Test func unknownProfileNameIsAnError() {
        #expect(throws: AuditCoreError.unknownProfile("")) {
            try Auditor(
                profiles: try ProfileSet.load(), selection: .named("nope"),
                context: EvaluationContext(validationTime: Date()))
        }
    }
}

/// Requirements that know their dates (issue #13): a certificate issued before a requirement's
/// standard existed is not graded against it, and the evidence says why.
@Suite struct InForceDateTests {
    @Test func requirementThatPostDatesTheCertificateIsNotApplicableWithTheReason() throws {
        let path = Repository.testVectors.appendingPathComponent("certificates/etsi/ncp-l__issued_2015_no_aia.pem").path
        let record = try #require(ExpectedVerdictTests.records(path).first)
        let check = try #require(record.checks.first { $0.requirement == "CERT-065" })
        #expect(check.outcome == .notApplicable)
        #expect(check.message?.contains("post-dates the artefact: in force from 2016-02-01") == true)
        #expect(check.message?.contains("150101000000Z (notBefore)") == true)
        // The same defect on a certificate issued after 2016-02 is a major non-conformity.
        let current = try #require(
            ExpectedVerdictTests.records(
                Repository.testVectors.appendingPathComponent("certificates/etsi/ncp-l__ok.pem").path
            ).first)
        #expect(current.checks.first { $0.requirement == "CERT-065" }?.outcome == .pass)
    }

    @Test func civilDaysAreExactAndRejectImpossibleDates() {
        #expect(CivilDay.secondsSince1970("2016-02-01") == 1_454_284_800)
        #expect(CivilDay.secondsSince1970("2000-02-29") == 951_782_400)
        #expect(CivilDay.secondsSince1970("1900-02-29") == nil)
        #expect(CivilDay.secondsSince1970("2016-13-01") == nil)
        #expect(CivilDay.secondsSince1970("2016-2-01") == nil)
    }

    /// --standards by-issuance: a certificate issued 2024-06 is judged by the 2023-09 set, in
    /// which two QcType values are not yet a non-conformity; the record says which set applied.
    @Test func byIssuanceJudgesACertificateByTheStandardsOfItsIssuance() throws {
        let path = "certificates/etsi/qcp-n-qscd__qctype_two_2024.pem"
        let latest = try #require(VectorInputs.records(path, try VectorInputs.auditor()).first)
        #expect(latest.failedRequirements.contains("CERT-123"))
        let byIssuance = try #require(
            VectorInputs.records(path, try VectorInputs.auditor(args: ["--standards", "by-issuance"])).first)
        #expect(!byIssuance.failedRequirements.contains("CERT-123"))
        #expect(byIssuance.profileReason.contains("standards 2023-09"))
        #expect(byIssuance.checks.first { $0.requirement == "CERT-123" }?.version == "V2.4.1 (2023-09)")
        // Issued 2026-04, after EN 319 412-5 V2.5.1 and before V2.6.1: the eu-2025 set, which
        // already requires exactly one QcType.
        let recent = try #require(
            VectorInputs.records(
                "certificates/etsi/qcp-n-qscd__qctype_two.pem",
                try VectorInputs.auditor(args: ["--standards", "by-issuance"])
            ).first)
        #expect(recent.failedRequirements.contains("CERT-123"))
        #expect(recent.profileReason.contains("standards eu-2025"))
    }

    /// CERT-103 on a PSD2 QWAC with QCP-w-psd2 and the CA/B OV policy, 751 days: major under TS 119
    /// 495 V1.8.1 (latest), minor under V1.7.1 (2023-09), whose OVR-6.1-3 gave QCP-w-psd2 precedence.
    @Test func psd2PolicyPrecedenceFollowsThePinnedVersion() throws {
        let path = "certificates/etsi/psd2-qwac__psd2_policy_751_days.pem"
        let latest = try #require(VectorInputs.records(path, try VectorInputs.auditor()).first)
        #expect(
            latest.checks.first { $0.requirement == "CERT-103" }.map { $0.outcome == .fail && $0.grade == .major }
                == true)
        let older = try #require(
            VectorInputs.records(path, try VectorInputs.auditor(args: ["--standards", "2023-09"])).first)
        #expect(
            older.checks.first { $0.requirement == "CERT-103" }.map { $0.outcome == .fail && $0.grade == .minor }
                == true)
    }
}
