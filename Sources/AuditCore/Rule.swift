import Foundation

/// The inputs a rule may use besides the artefact itself.
///
/// Rules never read the clock: the validation time is always given (``validationTime``), so the
/// same inputs give the same evidence on any day.
public struct EvaluationContext: Sendable {
    /// The time at which the artefact is judged (`--at`, or the run's start time).
    public var validationTime: Date
    /// The parameters of the profile being evaluated (merged in by ``ProfilePlan`` or
    /// ``RuleSet/evaluate(_:profile:in:)``).
    public var parameters: [String: String] {
        didSet { pinsStandards = Self.pinsStandards(parameters) }
    }
    /// Whether some parameter pins a standard's version: without one, a version test needs no
    /// key built and hashed (rules ask it for every certificate).
    private(set) var pinsStandards: Bool

    public init(validationTime: Date, parameters: [String: String] = [:]) {
        self.validationTime = validationTime
        self.parameters = parameters
        pinsStandards = Self.pinsStandards(parameters)
    }

    private static func pinsStandards(_ parameters: [String: String]) -> Bool {
        parameters.keys.contains { $0.hasPrefix(StandardsSet.parameterKey("")) }
    }

    /// A parameter read as a boolean (`"true"`).
    public func flag(_ name: String) -> Bool { parameters[name] == "true" }
}

/// One requirement's check: the id of the requirement and a pure function from a parsed
/// artefact (plus context) to findings.
///
/// Rules know nothing about files, threads or output formats.
public struct Rule<Subject>: Sendable {
    public let requirement: RequirementID
    /// The findings as the rule wrote them; empty means the requirement passed.
    let body: @Sendable (Subject, EvaluationContext) -> [Finding]

    public init(_ requirement: RequirementID, _ body: @escaping @Sendable (Subject, EvaluationContext) -> [Finding]) {
        self.requirement = requirement
        self.body = body
    }

    /// Evaluates the rule; an empty answer from the body is recorded as a pass.
    public func evaluate(_ subject: Subject, in context: EvaluationContext) -> [Finding] {
        let findings = findings(subject, context)
        return findings.isEmpty ? [.pass(requirement)] : findings
    }

    /// The body's findings, those made without a requirement given this rule's own.
    func findings(_ subject: Subject, _ context: EvaluationContext) -> [Finding] {
        var findings = body(subject, context)
        for index in findings.indices where findings[index].requirement == .ofReturningRule {
            findings[index].requirement = requirement
        }
        return findings
    }
}

/// The rules of one artefact kind, looked up by requirement.
public struct RuleSet<Subject>: Sendable {
    public let rules: [Rule<Subject>]
    private let index: [RequirementID: Int]

    /// - Precondition: no two rules check the same requirement (enforced by a test).
    public init(_ rules: [Rule<Subject>]) {
        self.rules = rules
        var index: [RequirementID: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.requirement] == nil {
            index[rule.requirement] = position
        }
        self.index = index
    }

    public var requirementIDs: [RequirementID] { rules.map(\.requirement) }

    public subscript(id: RequirementID) -> Rule<Subject>? { index[id].map { rules[$0] } }

    /// Runs the rules of `profile` that this set knows, in the profile's order.
    public func evaluate(_ subject: Subject, profile: ResolvedProfile, in context: EvaluationContext) -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(profile.entries.count)
        var context = context
        context.parameters.merge(profile.parameters) { _, profile in profile }
        for entry in profile.entries {
            guard let rule = self[entry.requirement] else { continue }
            findings.append(contentsOf: rule.evaluate(subject, in: context))
        }
        return findings
    }
}
