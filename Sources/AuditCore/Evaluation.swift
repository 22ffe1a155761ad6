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
        findings.map(check(for:))
    }

    /// One finding graded and cited.
    public func check(for finding: Finding) -> Check {
        assert(finding.requirement != .ofReturningRule, "a finding without a requirement escaped its rule")
        return Self.filled(template(for: finding.requirement), with: finding, fix: catalogue[finding.requirement]?.fix)
    }

    /// `template` (citation and grade of the finding's requirement) with the finding's outcome
    /// and values, the grade capped and the fix appended to a failure's message.
    static func filled(_ template: Check, with finding: consuming Finding, fix: String?) -> Check {
        // The strings are moved out of the finding (`take()`), not copied: the finding ends here.
        var finding = finding
        let message = message(of: &finding, fix: fix)
        return Check(
            citation: template.citation, outcome: finding.outcome, grade: grade(template.grade, cap: finding.gradeCap),
            observed: finding.observed.take(), expected: finding.expected.take(), location: finding.location.take(),
            message: message)
    }

    /// The check of `requirement` before a finding fills it: citation and the profile's grade.
    func template(for requirement: RequirementID) -> Check {
        let cited = catalogue[requirement]
        let citation = Citation(
            requirement: requirement,
            standard: cited?.standard ?? "unknown",
            version: cited.map { standards?.versions[$0.standard] ?? $0.version } ?? "",
            clause: cited?.clause ?? "")
        return Check(citation: citation, outcome: .pass, grade: profile.grade(of: requirement) ?? .observation)
    }

    /// The finding's message; a failure gets the requirement's fix appended.
    private static func message(of finding: inout Finding, fix: String?) -> String? {
        guard finding.outcome == .fail, let fix else { return finding.message.take() }
        return finding.message.map { sentence($0) + " Fix: \(fix)" } ?? "Fix: \(fix)"
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
