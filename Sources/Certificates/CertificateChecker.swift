import AuditCore

/// Checks certificate items against a profile.
public struct CertificateChecker: Sendable {
    public let rules: RuleSet<InspectedCertificate>

    public init(rules: RuleSet<InspectedCertificate> = CertificateRules.all) {
        self.rules = rules
    }

    /// Decodes and evaluates one item.
    public func check(_ bytes: [UInt8], profile: ResolvedProfile, context: EvaluationContext)
        -> (inspected: InspectedCertificate, findings: [Finding])
    {
        let inspected = InspectedCertificate(bytes: bytes)
        return (inspected, rules.evaluate(inspected, profile: profile, in: context))
    }
}
