/// The requirements an item was checked against, in the order of its record, each with its
/// citation and grade. A compact evidence record names its plan by digest instead of listing
/// every check; the run manifest lists the plans, so a check absent from a compact record was
/// a pass of the requirement its plan names.
public struct EvidencePlan: Sendable, Hashable, Codable {
    /// One requirement of a plan: what its check cites and the grade the profile gives it.
    public struct Entry: Sendable, Hashable, Codable {
        public var requirement: RequirementID
        public var standard: String
        public var version: String
        public var clause: String
        public var grade: Grade
    }

    public var profile: String
    public var requirements: [Entry]

    /// The plan of `evidence`: its profile and the distinct requirements of its checks.
    public init(_ evidence: ItemEvidence) {
        profile = evidence.profile
        var seen = Set<RequirementID>()
        requirements = evidence.checks.compactMap { check in
            guard seen.insert(check.requirement).inserted else { return nil }
            return Entry(
                requirement: check.requirement, standard: check.standard, version: check.version, clause: check.clause,
                grade: check.grade)
        }
    }

    /// The text the digest is taken over: the profile, then one tab-separated line per
    /// requirement (id, standard, version, clause, grade).
    public var canonicalText: String {
        ([profile]
            + requirements.map {
                [$0.requirement.rawValue, $0.standard, $0.version, $0.clause, $0.grade.rawValue].joined(separator: "\t")
            })
            .joined(separator: "\n")
    }
}
