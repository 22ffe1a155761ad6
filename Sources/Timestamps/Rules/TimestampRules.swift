import AuditCore
import Certificates

/// Every time-stamp rule of this module, one per requirement.
public enum TimestampRules {
    public static let all = RuleSet<InspectedTimestamp>([tokenIsDER])

    /// TST-001: RFC 3161 §2.4.2 — the token and its TSTInfo are DER, nothing follows the token.
    static let tokenIsDER = Rule<InspectedTimestamp>("TST-001") { item, _ in
        var findings = item.derScan.violations.map {
            Finding.fail("TST-001", observed: $0.message, expected: "DER", location: $0.location, message: $0.message)
        }
        switch item.tstInfo {
        case .success:
            findings += (item.tstInfoScan?.violations ?? []).map {
                .fail("TST-001", observed: $0.message, expected: "DER", location: "TSTInfo \($0.location)",
                      message: "TSTInfo: \($0.message)")
            }
        case .failure(let error):
            findings.append(
                .fail("TST-001", observed: error.reason, location: error.location,
                      message: "the TSTInfo cannot be located: \(error.reason)"))
        }
        return findings
    }
}
