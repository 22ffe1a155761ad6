import AuditCore

/// Per requirement, on how many items it was evaluated and with which outcome — the basis of
/// the coverage statement (every requirement of the profiles used: evaluated, not applicable,
/// or manual, to be checked by the auditor).
public struct CoverageTally: Sendable {
    /// Items per outcome for one requirement; an item counts once, with its worst outcome
    /// (fail, then pass, then not checked, then not applicable).
    public struct Counts: Sendable, Hashable {
        public var evaluated = 0
        public var pass = 0
        public var fail = 0
        public var notApplicable = 0
        public var notChecked = 0
    }

    public private(set) var counts: [RequirementID: Counts] = [:]
    public private(set) var profilesUsed: Set<String> = []
    public private(set) var kindsSeen: Set<ArtefactKind> = []

    public init() {}

    public mutating func add(_ evidence: ItemEvidence) {
        profilesUsed.insert(evidence.profile)
        kindsSeen.insert(evidence.kind)
        var worst: [RequirementID: Outcome] = [:]
        for check in evidence.checks {
            let current = worst[check.requirement]
            if current == nil || Self.rank(check.outcome) > Self.rank(current!) {
                worst[check.requirement] = check.outcome
            }
        }
        for (id, outcome) in worst {
            var tally = counts[id, default: Counts()]
            tally.evaluated += 1
            switch outcome {
            case .pass: tally.pass += 1
            case .fail: tally.fail += 1
            case .notApplicable: tally.notApplicable += 1
            case .notChecked, .error: tally.notChecked += 1
            }
            counts[id] = tally
        }
    }

    private static func rank(_ outcome: Outcome) -> Int {
        switch outcome {
        case .notApplicable: 0
        case .notChecked, .error: 1
        case .pass: 2
        case .fail: 3
        }
    }

    /// One line of the coverage statement.
    public struct Row: Sendable {
        public var requirement: Requirement
        /// The grade the profiles give it (the most severe when several differ); nil for manual ones.
        public var grade: Grade?
        public var profiles: [String]
        public var counts: Counts
        /// `evaluated`, `not applicable`, `not checked`, `not evaluated` (automatic but no item
        /// reached it) or `manual`.
        public var status: String
    }

    /// Every requirement of the profiles used (in catalogue order), then the manual
    /// requirements that apply to the kinds seen.
    public func rows(_ profiles: ProfileSet) -> [Row] {
        var grades: [RequirementID: Grade] = [:]
        var inProfiles: [RequirementID: [String]] = [:]
        for name in profilesUsed.sorted() {
            guard let profile = profiles.profiles[name] else { continue }
            for entry in profile.entries {
                grades[entry.requirement] = max(grades[entry.requirement] ?? entry.grade, entry.grade)
                inProfiles[entry.requirement, default: []].append(name)
            }
        }
        return profiles.catalogue.requirements.compactMap { requirement -> Row? in
            if let names = inProfiles[requirement.id] {
                let tally = counts[requirement.id] ?? Counts()
                let status: String
                if tally.evaluated == 0 {
                    status = "not evaluated"
                } else if tally.pass + tally.fail > 0 {
                    status = "evaluated"
                } else if tally.notChecked > 0 {
                    status = "not checked"
                } else {
                    status = "not applicable"
                }
                return Row(
                    requirement: requirement, grade: grades[requirement.id], profiles: names, counts: tally,
                    status: status)
            }
            guard requirement.automation == .manual, requirement.appliesTo.contains(where: kindsSeen.contains) else {
                return nil
            }
            return Row(requirement: requirement, grade: nil, profiles: [], counts: Counts(), status: "manual")
        }
    }
}
