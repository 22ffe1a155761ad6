import AuditCore

/// Every trusted-list rule of this module, one per requirement.
public enum TrustedListRules {
    public static let all = RuleSet<InspectedTrustedList>([wellFormed] + TrustedListSignatureRules.all)

    /// TL-002: TS 119 612 Annex B — well-formed UTF-8 XML, no DTD (so no XXE, no entity bombs).
    static let wellFormed = Rule<InspectedTrustedList>("TL-002") { item, _ in
        switch item.parsed {
        case .success(let root):
            return [.pass("TL-002", observed: "well-formed UTF-8, root \(root.name)")]
        case .failure(let error):
            return [.fail("TL-002", observed: error.reason, expected: "well-formed UTF-8 XML without DOCTYPE",
                          location: error.location, message: error.reason)]
        }
    }
}
