/// The rules of one profile resolved once per run: each rule in the profile's order beside the
/// graded, cited check it produces, and the profile's parameters merged into the context.
///
/// ``RuleSet/evaluate(_:profile:in:)`` followed by ``Evaluation/checks(for:)`` looks every
/// requirement up three times per item (rule, citation, grade) and merges the parameters per
/// item; a plan does that work when the run starts and gives the same checks in the same order.
public struct ProfilePlan<Subject>: Sendable {
    /// A class: iterating the plan then retains one reference per rule, not each field.
    private final class Step: Sendable {
        let rule: Rule<Subject>
        /// The check a finding of `rule.requirement` becomes (citation and grade filled in); as
        /// it stands, the check of a pass with nothing observed.
        let template: Check
        let fix: String?

        init(rule: Rule<Subject>, template: Check, fix: String?) {
            self.rule = rule
            self.template = template
            self.fix = fix
        }
    }

    public let profile: ResolvedProfile
    private let steps: [Step]
    private let context: EvaluationContext
    private let evaluation: Evaluation

    /// - Parameters:
    ///   - ruleSets: evaluated one after the other, each in the profile's order (as
    ///     ``RuleSet/evaluate(_:profile:in:)`` would for each set).
    public init(
        _ ruleSets: [RuleSet<Subject>], profile: ResolvedProfile, catalogue: Catalogue, standards: StandardsSet?,
        context: EvaluationContext
    ) {
        let evaluation = Evaluation(catalogue: catalogue, profile: profile, standards: standards)
        var steps: [Step] = []
        for ruleSet in ruleSets {
            for entry in profile.entries {
                guard let rule = ruleSet[entry.requirement] else { continue }
                steps.append(Step(
                    rule: rule, template: evaluation.template(for: entry.requirement),
                    fix: catalogue[entry.requirement]?.fix))
            }
        }
        var context = context
        context.parameters.merge(profile.parameters) { _, profile in profile }
        self.profile = profile
        self.steps = steps
        self.context = context
        self.evaluation = evaluation
    }

    /// The graded checks of `subject`, in the order the profile lists its requirements.
    public func checks(_ subject: Subject) -> [Check] {
        var checks: [Check] = []
        checks.reserveCapacity(steps.count)
        for step in steps {
            let findings = step.rule.body(subject, context)
            if findings.isEmpty {
                // The usual answer: the template is that pass, without building its finding.
                checks.append(step.template)
                continue
            }
            for finding in findings {
                checks.append(
                    finding.requirement == step.rule.requirement
                        ? Evaluation.filled(step.template, with: finding, fix: step.fix)
                        : evaluation.check(for: finding))
            }
        }
        return checks
    }
}
