/// Turns a rule's findings into graded checks: the catalogue supplies the citation, the
/// profile the grade.
public struct Evaluation: Sendable {
    public let catalogue: Catalogue
    public let profile: ResolvedProfile
    /// Pinned versions: a check of a requirement from a pinned standard cites that version.
    public let standards: StandardsSet?

    public init(catalogue: Catalogue, profile: ResolvedProfile, standards: StandardsSet? = nil) {
        self.catalogue = catalogue
        self.profile = profile
        self.standards = standards
    }

    /// Grades findings. A finding for a requirement the profile does not contain is graded as
    /// an observation (it was found, but this profile does not make it a non-conformity).
    public func checks(for findings: [Finding]) -> [Check] {
        findings.map { finding in
            let requirement = catalogue[finding.requirement]
            var message = finding.message
            if finding.outcome == .fail, let fix = requirement?.fix {
                message = message.map { Self.sentence($0) + " Fix: \(fix)" } ?? "Fix: \(fix)"
            }
            return Check(
                requirement: finding.requirement,
                standard: requirement?.standard ?? "unknown",
                version: requirement.map { standards?.versions[$0.standard] ?? $0.version } ?? "",
                clause: requirement?.clause ?? "",
                outcome: finding.outcome,
                grade: Self.grade(profile.grade(of: finding.requirement) ?? .observation, cap: finding.gradeCap),
                observed: finding.observed,
                expected: finding.expected,
                location: finding.location,
                message: message)
        }
    }

    private static func grade(_ grade: Grade, cap: Grade?) -> Grade {
        guard let cap else { return grade }
        return min(grade, cap)
    }

    private static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }
}
