import AuditCore
import Testing

@Suite struct VerdictTests {
    @Test(arguments: [
        ([Grade](), Verdict.conforming), ([.observation], .observation), ([.observation, .minor], .minor),
        ([.minor, .major, .observation], .major),
    ])
    func worstFailedGradeDecides(grades: [Grade], expected: Verdict) {
        #expect(Verdict(failedGrades: grades) == expected)
    }

    @Test func onlyMinorAndMajorAreNonConformities() {
        #expect(Verdict.allCases.filter(\.isNonConformity) == [.minor, .major])
    }

    @Test func evidenceVerdictIgnoresPassesAndNotChecked() {
        let checks = [
            Check(requirement: "X-1", standard: "S", version: "1", clause: "1", outcome: .pass, grade: .major),
            Check(requirement: "X-2", standard: "S", version: "1", clause: "2", outcome: .notChecked, grade: .major),
            Check(requirement: "X-3", standard: "S", version: "1", clause: "3", outcome: .fail, grade: .minor),
            Check(requirement: "X-3", standard: "S", version: "1", clause: "3", outcome: .fail, grade: .minor),
        ]
        let evidence = ItemEvidence(
            index: 0, source: "a", sha256: "", kind: .certificate, type: "t", profile: "p", profileReason: "r",
            checks: checks)
        #expect(evidence.verdict == .minor)
        #expect(evidence.failedRequirements == ["X-3"])
    }

    @Test func requirementIDsSortNumerically() {
        let ids: [RequirementID] = ["CERT-10", "CERT-2", "TL-1", "CERT-001"]
        #expect(ids.sorted() == ["CERT-001", "CERT-2", "CERT-10", "TL-1"])
    }
}
