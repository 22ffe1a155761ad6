import AuditCore

/// Every certificate rule of this module, one per requirement.
public enum CertificateRules {
    public static let all = RuleSet<InspectedCertificate>(RFC5280BasicRules.all)

    /// Builds a rule that needs the decoded certificate; when the bytes could not be decoded the
    /// requirement is recorded as not checked, with the decoding error as the reason.
    static func decoded(
        _ id: RequirementID, _ body: @escaping @Sendable (Certificate) -> [Finding]
    ) -> Rule<InspectedCertificate> {
        Rule(id) { item, _ in
            switch item.decoded {
            case .success(let certificate): return body(certificate)
            case .failure(let error):
                return [.notChecked(id, because: "the certificate could not be decoded: \(error)")]
            }
        }
    }
}
