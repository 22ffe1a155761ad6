import AuditCore
import Testing

@Suite struct ProfileSetTests {
    static let catalogue = ProfileDocument(
        name: "catalogue/test.yaml",
        text: """
            requirements:
              - { id: T-1, standard: S, version: "1", clause: "1", text: one, level: shall, appliesTo: [certificate], automation: automatic }
              - { id: T-2, standard: S, version: "1", clause: "2", text: two, level: should, appliesTo: [certificate], automation: automatic, fix: do it }
              - { id: T-3, standard: S, version: "1", clause: "3", text: three, level: shall, appliesTo: [timestamp], automation: manual }
            """)

    static func profile(_ name: String, _ body: String) -> ProfileDocument {
        ProfileDocument(name: "\(name).yaml", text: "name: \(name)\ntitle: \(name)\n" + body)
    }

    @Test func extendsAddsAndRegrades() throws {
        let set = try ProfileSet(documents: [
            Self.catalogue,
            Self.profile(
                "base",
                "kind: certificate\nrequirements:\n  - { id: T-1, grade: major }\n  - { id: T-2, grade: observation }\n"
            ),
            Self.profile("strict", "kind: certificate\nextends: base\nrequirements:\n  - { id: T-2, grade: minor }\n"),
        ])
        let strict = try set.profile(named: "strict")
        #expect(strict.entries.map(\.requirement) == ["T-1", "T-2"])
        #expect(strict.grade(of: "T-2") == .minor)
        #expect(strict.grade(of: "T-1") == .major)
    }

    static func fragment(_ name: String, _ body: String) -> ProfileDocument {
        ProfileDocument(name: "fragments/\(name).yaml", text: "name: \(name)\ntitle: \(name)\n" + body)
    }

    @Test func includedFragmentsComeAfterTheParentAndBeforeTheProfilesOwnEntries() throws {
        let set = try ProfileSet(documents: [
            Self.catalogue,
            Self.fragment("shared", "kind: certificate\nrequirements:\n  - { id: T-2, grade: observation }\n"),
            Self.profile("base", "kind: certificate\nrequirements:\n  - { id: T-1, grade: major }\n"),
            Self.profile(
                "p",
                "kind: certificate\nextends: base\nincludes: [shared]\nrequirements:\n  - { id: T-1, grade: minor }\n"),
        ])
        let profile = try set.profile(named: "p")
        #expect(profile.entries.map(\.requirement) == ["T-1", "T-2"])
        #expect(profile.grade(of: "T-1") == .minor)
        #expect(profile.grade(of: "T-2") == .observation)
        #expect(set.names == ["base", "p"], "a fragment is not a profile one can select")
    }

    @Test func fragmentMistakesStopTheLoad() {
        let own = "kind: certificate\nrequirements: []\n"
        #expect(throws: AuditCoreError.unknownProfile("")) {
            try ProfileSet(documents: [
                Self.catalogue, Self.profile("p", "kind: certificate\nincludes: [nope]\nrequirements: []\n"),
            ])
        }
        #expect(throws: AuditCoreError.invalidDocument("")) {
            try ProfileSet(documents: [
                Self.catalogue, Self.fragment("tst", "kind: timestamp\nrequirements: []\n"),
                Self.profile("p", "kind: certificate\nincludes: [tst]\nrequirements: []\n"),
            ])
        }
        #expect(throws: AuditCoreError.profileCycle("")) {
            try ProfileSet(documents: [
                Self.catalogue, Self.fragment("a", "kind: certificate\nincludes: [b]\nrequirements: []\n"),
                Self.fragment("b", "kind: certificate\nincludes: [a]\nrequirements: []\n"),
                Self.profile("p", "kind: certificate\nincludes: [a]\nrequirements: []\n"),
            ])
        }
        #expect(throws: AuditCoreError.invalidDocument("")) {
            try ProfileSet(documents: [Self.catalogue, Self.fragment("f", "extends: base\n" + own)])
        }
    }

    /// A catalogue whose T-2 joins `name` through `profiles:`.
    static func joiningCatalogue(_ name: String, builtIn: Bool = true) -> ProfileDocument {
        ProfileDocument(
            name: "catalogue/joining.yaml", isBuiltIn: builtIn,
            text: """
                requirements:
                  - { id: T-1, standard: S, version: "1", clause: "1", text: one, level: shall, appliesTo: [certificate], automation: automatic }
                  - { id: T-2, standard: S, version: "1", clause: "2", text: two, level: should, appliesTo: [certificate], automation: automatic, profiles: { \(name): minor } }
                """)
    }

    @Test func aRequirementJoinsAProfileFromItsCatalogueEntry() throws {
        let own = "kind: certificate\nrequirements:\n  - { id: T-1, grade: major }\n"
        let base = ProfileDocument(name: "base.yaml", isBuiltIn: true, text: "name: base\ntitle: base\n" + own)
        let set = try ProfileSet(documents: [Self.joiningCatalogue("base"), base])
        let profile = try set.profile(named: "base")
        #expect(profile.entries.map(\.requirement) == ["T-1", "T-2"])
        #expect(profile.grade(of: "T-2") == .minor)

        // A user's profile that replaces the built-in one gets only what it lists.
        let replaced = try ProfileSet(documents: [Self.joiningCatalogue("base"), base, Self.profile("base", own)])
        #expect(try replaced.profile(named: "base").entries.map(\.requirement) == ["T-1"])

        #expect(throws: AuditCoreError.unknownProfile("")) {
            try ProfileSet(documents: [Self.joiningCatalogue("nope"), base])
        }
        let listing = ProfileDocument(
            name: "base.yaml", isBuiltIn: true,
            text: "name: base\ntitle: base\n" + own + "  - { id: T-2, grade: major }\n")
        #expect(throws: AuditCoreError.invalidDocument("")) {
            try ProfileSet(documents: [Self.joiningCatalogue("base"), listing])
        }
    }

    @Test func laterDocumentOverridesBuiltInRequirementAndProfile() throws {
        let override = ProfileDocument(
            name: "catalogue/user.yaml",
            text:
                "requirements:\n  - { id: T-1, standard: Mine, version: \"2\", clause: \"9\", text: x, level: shall, appliesTo: [certificate], automation: automatic }\n"
        )
        let set = try ProfileSet(documents: [
            Self.catalogue, Self.profile("p", "kind: certificate\nrequirements:\n  - { id: T-1, grade: major }\n"),
            override, Self.profile("p", "kind: certificate\nrequirements:\n  - { id: T-1, grade: observation }\n"),
        ])
        #expect(set.catalogue["T-1"]?.standard == "Mine")
        #expect(try set.profile(named: "p").grade(of: "T-1") == .observation)
    }

    @Test func unknownRequirementIsRejected() {
        #expect(throws: AuditCoreError.unknownRequirement("")) {
            try ProfileSet(documents: [
                Self.catalogue,
                Self.profile("p", "kind: certificate\nrequirements:\n  - { id: NOPE-1, grade: major }\n"),
            ])
        }
    }

    @Test func requirementOfAnotherKindIsRejected() {
        #expect(throws: AuditCoreError.invalidDocument("")) {
            try ProfileSet(documents: [
                Self.catalogue, Self.profile("p", "kind: certificate\nrequirements:\n  - { id: T-3, grade: major }\n"),
            ])
        }
    }

    @Test func extendsCycleIsRejected() {
        #expect(throws: AuditCoreError.profileCycle("")) {
            try ProfileSet(documents: [
                Self.catalogue,
                Self.profile("a", "kind: certificate\nextends: b\nrequirements: []\n"),
                Self.profile("b", "kind: certificate\nextends: a\nrequirements: []\n"),
            ])
        }
    }

    @Test func duplicateIdInOneDocumentIsRejected() {
        let doubled = ProfileDocument(
            name: "catalogue/x.yaml",
            text: """
                requirements:
                  - { id: D-1, standard: S, version: "1", clause: "1", text: a, level: shall, appliesTo: [certificate], automation: automatic }
                  - { id: D-1, standard: S, version: "1", clause: "1", text: b, level: shall, appliesTo: [certificate], automation: automatic }
                """)
        #expect(throws: AuditCoreError.duplicateRequirement("")) { try Catalogue(documents: [doubled]) }
    }

    @Test func malformedYAMLNamesTheDocument() {
        do {
            _ = try ProfileSet(documents: [ProfileDocument(name: "broken.yaml", text: "name: [unclosed")])
            Issue.record("expected an error")
        } catch let error as AuditCoreError {
            #expect(error.code == .invalidDocument)
            #expect(error.reason.contains("broken.yaml"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func evaluationCitesCatalogueAndAppendsFix() throws {
        let set = try ProfileSet(documents: [
            Self.catalogue, Self.profile("p", "kind: certificate\nrequirements:\n  - { id: T-2, grade: minor }\n"),
        ])
        let checks = Evaluation(catalogue: set.catalogue, profile: try set.profile(named: "p")).checks(for: [
            .fail("T-2", observed: "seen", message: "broken.")
        ])
        #expect(checks.count == 1)
        #expect(checks[0].clause == "2")
        #expect(checks[0].grade == .minor)
        #expect(checks[0].message == "broken. Fix: do it")
    }

    /// Issue #15: a typo in a parameter is an error naming the file, the line and the allowed
    /// values, not a rule silently switched off.
    @Test func profileParametersAreCheckedOnLoad() throws {
        let badValue = Self.profile(
            "p",
            "kind: certificate\nparameters:\n  subject: natural\n  qscd: yes\nrequirements:\n  - { id: T-1, grade: major }\n"
        )
        do {
            _ = try ProfileSet(documents: [Self.catalogue, badValue])
            Issue.record("qscd: yes was accepted")
        } catch {
            #expect((error as? AuditCoreError)?.code == .invalidDocument)
            #expect(
                (error as? AuditCoreError)?.reason == "p.yaml line 6: parameter 'qscd' is 'yes'; allowed: true, false")
        }
        let unknownKey = Self.profile(
            "p", "kind: certificate\nparameters: { qsdc: \"true\" }\nrequirements:\n  - { id: T-1, grade: major }\n")
        do {
            _ = try ProfileSet(documents: [Self.catalogue, unknownKey])
            Issue.record("qsdc was accepted")
        } catch {
            #expect(
                (error as? AuditCoreError)?.reason.hasPrefix(
                    "p.yaml line 4: unknown profile parameter 'qsdc' (known: subject, qcType, qscd") == true)
        }
        let good = Self.profile(
            "p",
            "kind: certificate\nparameters:\n  subject: legal\n  qcType: eseal\nrequirements:\n  - { id: T-1, grade: major }\n"
        )
        #expect(
            try ProfileSet(documents: [Self.catalogue, good]).profile(named: "p").parameters == [
                "subject": "legal", "qcType": "eseal",
            ])
    }
}
