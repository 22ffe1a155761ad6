import AuditCore

/// Every trusted-list rule of this module, one per requirement.
public enum TrustedListRules {
    public static let all = RuleSet<InspectedTrustedList>(
        [wellFormed, schemaValid] + TrustedListSignatureRules.all + TrustedListContentRules.all)

    /// TL-003: 5.1.1, Annex C — valid against the official XSD of its version (`--schemas`).
    static let schemaValid = Rule<InspectedTrustedList>("TL-003") { item, _ in
        guard case .success = item.parsed else { return [.notChecked("TL-003", because: "the list could not be parsed (TL-002)")] }
        guard let outcome = item.schemaValidation else {
            return [.notChecked("TL-003", because: "no schemas supplied (--schemas DIR with the official TS 119 612 XSDs)")]
        }
        let note = outcome.suppressed.isEmpty ? "" :
            "; \(outcome.suppressed.count) libxml2 2.9 false positive(s) on X509SerialNumber integers over 24 digits suppressed"
        guard outcome.errors.isEmpty else {
            return [.fail("TL-003", observed: outcome.errors.prefix(5).joined(separator: " | ") + (outcome.errors.count > 5 ? " | …" : "") + note,
                          expected: "valid against \(outcome.schema)", location: outcome.errors.first.map { String($0.prefix { $0 != ":" }) },
                          message: "\(outcome.errors.count) schema error(s) against \(outcome.schema)")]
        }
        return [.pass("TL-003", observed: "valid against \(outcome.schema)\(note)")]
    }

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
