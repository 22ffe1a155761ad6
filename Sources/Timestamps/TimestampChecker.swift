import AuditCore

/// Checks time-stamp tokens and responses against a profile.
public struct TimestampChecker: Sendable {
    public let rules: RuleSet<InspectedTimestamp>

    public init(rules: RuleSet<InspectedTimestamp> = TimestampRules.all) {
        self.rules = rules
    }

    public func check(_ bytes: [UInt8], form: InspectedTimestamp.Form, profile: ResolvedProfile,
                      context: EvaluationContext) -> (inspected: InspectedTimestamp, findings: [Finding]) {
        let inspected = InspectedTimestamp(bytes: bytes, form: form)
        return (inspected, rules.evaluate(inspected, profile: profile, in: context))
    }
}
