import Audit
import AuditCore
import Foundation
import Pipeline
import TestSupport
import Testing

/// `--standards` pins versions: rules whose wording changed follow the pinned version, and the
/// checks cite it.
@Suite struct StandardsSetTests {
    static func record(_ path: String, standards: String) throws -> ItemEvidence {
        let profiles = try ProfileSet.load()
        let auditor = try Auditor(
            profiles: profiles, selection: .automatic,
            context: EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200)),
            standards: try profiles.standardsSet(named: standards))
        let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent(path).path])
        return auditor.evidence(for: try #require(reader.next()))
    }

    @Test func twoQcTypesAreAllowedBeforeV251ButNotAfter() throws {
        let latest = try Self.record("certificates/etsi/qcp-n-qscd__qctype_two.pem", standards: "latest")
        #expect(latest.failedRequirements == ["CERT-123"])
        #expect(latest.checks.first { $0.requirement == "CERT-123" }?.version == "V2.6.1 (2026-05)")
        let acts = try Self.record("certificates/etsi/qcp-n-qscd__qctype_two.pem", standards: "eu-2025")
        #expect(acts.failedRequirements == ["CERT-123"])
        #expect(acts.checks.first { $0.requirement == "CERT-123" }?.version == "V2.5.1 (2025-06)")
        let older = try Self.record("certificates/etsi/qcp-n-qscd__qctype_two.pem", standards: "2023-09")
        #expect(older.failedRequirements.isEmpty)
        #expect(older.checks.first { $0.requirement == "CERT-123" }?.version == "V2.4.1 (2023-09)")
    }

    @Test func repeatedStatementsAreOnlyForbiddenFromV261() throws {
        let older = try Self.record("certificates/etsi/qcp-n-qscd__two_qccompliance.pem", standards: "2023-09")
        #expect(older.checks.first { $0.requirement == "CERT-134" }?.outcome == .notApplicable)
        let acts = try Self.record("certificates/etsi/qcp-n-qscd__two_qccompliance.pem", standards: "eu-2025")
        #expect(acts.checks.first { $0.requirement == "CERT-134" }?.outcome == .notApplicable)
        let latest = try Self.record("certificates/etsi/qcp-n-qscd__two_qccompliance.pem", standards: "latest")
        #expect(latest.failedRequirements == ["CERT-134"])
    }

    @Test func pinnedVersionsAreListedAndUnknownSetsRefused() throws {
        let profiles = try ProfileSet.load()
        #expect(Set(profiles.standards.keys) == ["latest", "eu-2025", "2023-09"])
        #expect(throws: AuditCoreError.unknownProfile("")) { try profiles.standardsSet(named: "1999") }
    }

    @Test func versionComparison() {
        let context = EvaluationContext(validationTime: Date(), parameters: [StandardsSet.parameterKey("S"): "V1.10.1"])
        #expect(context.standard("S", isAtLeast: "V1.8.1"))
        #expect(!context.standard("S", isAtLeast: "V2.0.0"))
        #expect(context.standard("Unpinned", isAtLeast: "V9.9.9"))
    }
}
