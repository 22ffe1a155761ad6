import AuditCore

/// Checks trusted lists against a profile.
public struct TrustedListChecker: Sendable {
    public let rules: RuleSet<InspectedTrustedList>

    public init(rules: RuleSet<InspectedTrustedList> = TrustedListRules.all) {
        self.rules = rules
    }

    public func check(_ bytes: [UInt8], profile: ResolvedProfile, context: EvaluationContext)
        -> (inspected: InspectedTrustedList, findings: [Finding])
    {
        let inspected = InspectedTrustedList(bytes: bytes)
        return (inspected, rules.evaluate(inspected, profile: profile, in: context))
    }
}
