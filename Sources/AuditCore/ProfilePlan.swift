/// The rules of one profile resolved once per run: each rule in the profile's order beside the
/// graded, cited check it produces, and the profile's parameters merged into the context.
///
/// ``RuleSet/evaluate(_:profile:in:)`` followed by ``Evaluation/checks(for:)`` looks every
/// requirement up three times per item (rule, citation, grade) and merges the parameters per
/// item; a plan does that work when the run starts and gives the same checks in the same order.
public struct ProfilePlan<Subject>: Sendable {
    /// A class, so that a step is lent to the item's checks by one unretained reference rather
    /// than copied field by field.
    private final class Step: Sendable {
        let rule: Rule<Subject>
        /// The check a finding of `rule.requirement` becomes (citation and grade filled in); as
        /// it stands, the check of a pass with nothing observed.
        let template: Check
        let fix: String?
        /// From `Requirement.inForceFrom`: seconds since 1970, and the day as written.
        let inForce: (seconds: Int64, day: String)?

        init(rule: Rule<Subject>, template: Check, fix: String?, inForce: (seconds: Int64, day: String)?) {
            self.rule = rule
            self.template = template
            self.fix = fix
            self.inForce = inForce
        }

        /// Appends the checks of `subject` for this step's requirement to `checks`.
        func appendChecks(
            of subject: Subject, _ context: EvaluationContext, _ evaluation: Evaluation, issuedAt: Int64?,
            issuedText: String?, to checks: inout [Check]
        ) {
            // The rule's body, not `Rule.findings`: a finding without a requirement is the rule's
            // own, which is read as such below instead of rewriting each one.
            var findings = rule.body(subject, context)
            if findings.isEmpty {
                // The usual answer: the template is that pass, without building its finding.
                return checks.append(template)
            }
            // Each finding is moved out of the array into its check: copying one would retain
            // its five strings. Reversed first, so that popping keeps the rule's order.
            findings.reverse()
            while let finding = findings.popLast() {
                let requirement = finding.requirement
                guard requirement == .ofReturningRule || requirement == rule.requirement else {
                    checks.append(evaluation.check(for: finding))
                    continue
                }
                if let inForce, let issuedAt, issuedAt < inForce.seconds, finding.outcome == .fail {
                    checks.append(
                        Evaluation.filled(
                            template, with: ProfilePlan.notYetInForce(finding, inForce.day, issuedText), fix: fix))
                    continue
                }
                checks.append(Evaluation.filled(template, with: finding, fix: fix))
            }
        }
    }

    /// What the plan holds, behind one reference: a plan is looked up and copied per item.
    private final class Storage: Sendable {
        let profile: ResolvedProfile
        /// Owns the steps for the plan's lifetime.
        let steps: [Step]
        /// The same steps as unowned references: reading an element of `[Step]` in this generic
        /// type goes through a value witness that retains it, once per rule and item.
        let lentSteps: [Unmanaged<Step>]
        let context: EvaluationContext
        let evaluation: Evaluation

        init(profile: ResolvedProfile, steps: [Step], context: EvaluationContext, evaluation: Evaluation) {
            self.profile = profile
            self.steps = steps
            lentSteps = steps.map { Unmanaged.passUnretained($0) }
            self.context = context
            self.evaluation = evaluation
        }
    }

    private let storage: Storage
    public var profile: ResolvedProfile { storage.profile }

    /// - Parameters:
    ///   - ruleSets: evaluated one after the other, each in the profile's order (as
    ///     ``RuleSet/evaluate(_:profile:in:)`` would for each set).
    ///   - profile: the requirements to evaluate, in order, with their grades.
    ///   - catalogue: the citation, fix and date in force of each requirement.
    ///   - standards: the standards set pinning the versions cited, or nil for the catalogue's.
    ///   - context: the validation time and parameters; the profile's parameters are merged in.
    public init(
        _ ruleSets: [RuleSet<Subject>], profile: ResolvedProfile, catalogue: Catalogue, standards: StandardsSet?,
        context: EvaluationContext
    ) {
        let evaluation = Evaluation(catalogue: catalogue, profile: profile, standards: standards)
        var steps: [Step] = []
        for ruleSet in ruleSets {
            for entry in profile.entries {
                guard let rule = ruleSet[entry.requirement] else { continue }
                let requirement = catalogue[entry.requirement]
                let inForce = requirement?.inForceFrom.flatMap { day in CivilDay.secondsSince1970(day).map { ($0, day) }
                }
                steps.append(
                    Step(
                        rule: rule, template: evaluation.template(for: entry.requirement),
                        fix: requirement?.fix, inForce: inForce))
            }
        }
        var context = context
        context.parameters.merge(profile.parameters) { _, profile in profile }
        storage = Storage(profile: profile, steps: steps, context: context, evaluation: evaluation)
    }

    /// The graded checks of `subject`, in the order the profile lists its requirements.
    ///
    /// - Parameters:
    ///   - subject: the inspected artefact the rules read.
    ///   - issuedAt: when the artefact was issued (seconds since 1970; a certificate's
    ///     notBefore). A failure of a requirement not yet in force then is recorded as not
    ///     applicable, saying so; passes stay passes.
    ///   - issuedText: `issuedAt` as the artefact writes it, quoted in that message.
    public func checks(_ subject: Subject, issuedAt: Int64? = nil, issuedText: String? = nil) -> [Check] {
        let (steps, context, evaluation) = (storage.lentSteps, storage.context, storage.evaluation)
        var checks: [Check] = []
        checks.reserveCapacity(steps.count)
        for index in steps.indices {
            // The plan holds its steps for the whole call: each is lent without a retain.
            steps[index]._withUnsafeGuaranteedRef { step in
                step.appendChecks(
                    of: subject, context, evaluation, issuedAt: issuedAt, issuedText: issuedText, to: &checks)
            }
        }
        return checks
    }

    /// A failure of a requirement that came into force after the artefact was issued: not
    /// applicable, saying what it would be today.
    fileprivate static func notYetInForce(_ finding: Finding, _ day: String, _ issuedText: String?) -> Finding {
        let issued = issuedText.map { "issued \($0)" } ?? "issued earlier"
        return Finding(
            requirement: finding.requirement, outcome: .notApplicable, observed: finding.observed,
            expected: finding.expected, location: finding.location,
            message:
                "the requirement post-dates the artefact: in force from \(day), the artefact was \(issued); "
                + "today it would fail: " + (finding.message ?? "see observed"))
    }
}
