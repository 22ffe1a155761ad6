import Audit
import Certificates
import AuditCore
import Foundation
import Pipeline
import TestSupport
import Testing

/// Every automatic requirement is shown to work on the project's own vectors: some vector passes
/// it and some vector fails it (chain requirements with the test issuing CA supplied).
@Suite struct RequirementCoverageTests {
    @Test func everyAutomaticRequirementHasAPassingAndAFailingVector() throws {
        let profiles = try ProfileSet.load()
        let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent("certificates/issuing-ca.pem").path])
        let issuerBytes = try #require(reader.next()?.bytes)
        var outcomes: [RequirementID: Set<Outcome>] = [:]
        for issuers in [nil, IssuerStore(certificates: [issuerBytes])] as [IssuerStore?] {
            let auditor = try Auditor(
                profiles: profiles, selection: .automatic,
                context: EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200)), issuers: issuers)
            for folder in ["certificates", "timestamps", "trusted-lists"] {
                let reader = InputReader(paths: [Repository.testVectors.appendingPathComponent(folder).path])
                while let item = reader.next() {
                    for check in auditor.evidence(for: item).checks { outcomes[check.requirement, default: []].insert(check.outcome) }
                }
            }
        }
        for requirement in profiles.catalogue.requirements where requirement.automation == .automatic {
            let seen = outcomes[requirement.id] ?? []
            #expect(seen.contains(.fail), "\(requirement.id) is never failed by a vector")
            // INPUT-001 only runs on unrecognised items, so it can only fail.
            if requirement.id != "INPUT-001" {
                #expect(seen.contains(.pass), "\(requirement.id) is never passed by a vector")
            }
        }
    }
}
