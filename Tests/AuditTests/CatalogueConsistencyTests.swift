import Audit
import AuditCore
import Foundation
import TestSupport
import Testing

/// Keeps the catalogue, the rules and the embedded copy of `Profiles/` in step.
@Suite struct CatalogueConsistencyTests {
    @Test func everyAutomaticRequirementHasExactlyOneRuleAndEveryRuleACatalogueEntry() throws {
        let catalogue = try ProfileSet.load().catalogue
        // One rule per requirement and artefact kind; a requirement may be checked on two kinds
        // (TL-063 … TL-066: the list signer in ds:KeyInfo and the same certificate on its own).
        for ids in Auditor.ruleRequirementIDsByKind.values {
            #expect(Set(ids).count == ids.count, "a requirement is checked by two rules of one kind")
        }
        let ruleIDs = Auditor.ruleRequirementIDs
        let automatic = Set(catalogue.requirements.filter { $0.automation == .automatic }.map(\.id))
        #expect(automatic == Set(ruleIDs))
        for id in ruleIDs { #expect(catalogue[id] != nil, "rule \(id) has no catalogue entry") }
    }

    /// A rule no built-in profile lists never runs: it would be checked in the catalogue and by
    /// the vectors' coverage test, yet absent from every record.
    @Test func everyAutomaticRequirementIsInABuiltInProfile() throws {
        let set = try ProfileSet.load()
        let listed = Set(set.profiles.values.flatMap { $0.entries.map(\.requirement) })
        for requirement in set.catalogue.requirements where requirement.automation == .automatic {
            #expect(listed.contains(requirement.id), "\(requirement.id) is in no profile under Profiles/")
        }
    }

    @Test func everyRequirementCitesStandardVersionAndClause() throws {
        for requirement in try ProfileSet.load().catalogue.requirements {
            #expect(
                !requirement.standard.isEmpty && !requirement.version.isEmpty && !requirement.clause.isEmpty,
                "\(requirement.id)")
            #expect(requirement.text.count > 20, "\(requirement.id) needs a real sentence")
            if requirement.automation == .automatic {
                #expect(requirement.fix != nil, "\(requirement.id) has no fix hint")
            }
        }
    }

    @Test func requirementIDsExistInTheSharedChecklists() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let notes = shared.deletingLastPathComponent().appendingPathComponent("requirements")
        let text = try ["certificates.md", "timestamps.md", "trusted-lists.md"]
            .map { try String(contentsOf: notes.appendingPathComponent($0), encoding: .utf8) }.joined()
        // CERT-000, INPUT-001 and INPUT-002 are TrustAudit's own (documented in their catalogue files).
        // CERT-300 and above are TrustAudit's own range (Profiles/catalogue/trustaudit-certificates.yaml);
        // so is the REV- prefix (Profiles/catalogue/revocation.yaml): ../shared has no revocation checklist.
        let own: Set<RequirementID> = ["CERT-000", "INPUT-001", "INPUT-002"]
        func isOwnRange(_ id: RequirementID) -> Bool {
            id.rawValue.hasPrefix("REV-")
                || (id.rawValue.hasPrefix("CERT-") && (Int(id.rawValue.dropFirst(5)) ?? 0) >= 300)
        }
        for requirement in try ProfileSet.load().catalogue.requirements
        where !own.contains(requirement.id) && !isOwnRange(requirement.id) {
            #expect(
                text.contains("| \(requirement.id.rawValue) |"), "\(requirement.id) is not in ../shared/requirements")
        }
    }

    @Test func embeddedProfilesMatchTheProfilesFolder() throws {
        let onDisk = try ProfileDocument.read(directory: Repository.root.appendingPathComponent("Profiles").path)
        let embedded = BuiltinProfiles.documents
        #expect(embedded.map(\.name) == onDisk.map(\.name), "the EmbedProfiles plugin missed a file")
        for (a, b) in zip(embedded, onDisk) {
            #expect(
                a.text.trimmingCharacters(in: .newlines) == b.text.trimmingCharacters(in: .newlines),
                "\(a.name) differs from Profiles/\(b.name): the EmbedProfiles plugin did not rerun")
        }
    }

    @Test func everyKindHasADefaultProfileOfThatKind() throws {
        let set = try ProfileSet.load()
        for kind in ArtefactKind.allCases {
            let name = try #require(ProfileSelection.defaults[kind])
            #expect(try set.profile(named: name).kind == kind)
        }
    }

    @Test func userProfilesDirectoryAddsAndOverrides() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-profiles-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try
            "name: strict-basics\ntitle: stricter\nkind: certificate\nextends: rfc5280-basics\nrequirements:\n  - { id: CERT-007, grade: minor }\n"
            .write(to: directory.appendingPathComponent("strict.yaml"), atomically: true, encoding: .utf8)
        let set = try ProfileSet.load(overridesFrom: directory.path)
        let strict = try set.profile(named: "strict-basics")
        #expect(strict.grade(of: "CERT-007") == .minor)
        #expect(strict.entries.count == 23)
    }
}
