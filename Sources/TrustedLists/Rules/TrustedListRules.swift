import AuditCore

/// Every trusted-list rule of this module, one per requirement.
public enum TrustedListRules {
    public static let all = RuleSet<InspectedTrustedList>(
        [wellFormed, schemaValid] + TrustedListSignatureRules.all + TrustedListContentRules.all
            + SchemeInformationRules.all
            + ServiceRules.all + SignerRules.all)

    /// The structure of the list's schema version, always against TrustAudit's own model of V2.2.1/V2.4.1, and against
    /// the official XSD files when they are supplied (`--schemas`).
    static let schemaValid = Rule<InspectedTrustedList>("TL-003") { item, _ in
        guard let tree = item.tree else { return [.notChecked(because: "the list could not be parsed (TL-002)")] }
        let version = ListView(root: tree).versionIdentifier
        let schema = version == "6" ? "TS 119 612 V2.4.1" : "TS 119 612 V2.2.1"
        let structure = StructureValidation(model: .ts119612).validate(tree)
        var notes: [String] = []
        if version == "5" {
            let differences = StructureValidation.v211Differences(tree)
            if !differences.isEmpty {
                notes.append(
                    "not valid against V2.1.1 only because of " + differences.joined(separator: ", ")
                        + " (allowed since V2.2.1)")
            }
        }
        var errors = structure.map { "\($0.location): \($0.message)" }
        var checked = ["structure against TrustAudit's model of \(schema)"]
        if let outcome = item.schemaValidation {
            checked.append("XSD \(outcome.schema)")
            errors += outcome.errors
            if !outcome.suppressed.isEmpty {
                notes.append(
                    "\(outcome.suppressed.count) libxml2 2.9 false positive(s) on X509SerialNumber integers over 24 digits suppressed"
                )
            }
        } else {
            notes.append("official XSD not run (no --schemas)")
        }
        let note = notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")
        guard errors.isEmpty else {
            return [
                .fail(
                    observed: errors.prefix(5).joined(separator: " | ") + (errors.count > 5 ? " | …" : "") + note,
                    expected: "valid: " + checked.joined(separator: ", "),
                    location: structure.first?.location ?? errors.first.map { String($0.prefix { $0 != ":" }) },
                    message: "\(errors.count) schema error(s) (\(checked.joined(separator: ", ")))")
            ]
        }
        return [.pass(observed: "valid: " + checked.joined(separator: ", ") + note)]
    }

    /// Well-formed UTF-8 XML, no DTD (so no XXE, no entity bombs).
    static let wellFormed = Rule<InspectedTrustedList>("TL-002") { item, _ in
        switch item.parsed {
        case .success(let root):
            return [.pass(observed: "well-formed UTF-8, root \(root.name)")]
        case .failure(let error):
            return [
                .fail(
                    observed: error.reason, expected: "well-formed UTF-8 XML without DOCTYPE",
                    location: error.location, message: error.reason)
            ]
        }
    }
}
