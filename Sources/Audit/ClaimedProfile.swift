import AuditCore
import Certificates

/// A role certificate (trusted-list signer, OCSP responder, TSU) that also claims an EN 319 412
/// profile (QcCompliance, or an EN 319 411-1/-2 policy) is judged by both: its role's profile, and
/// the EN 319 412 profile its claim selects, for the requirements the role's profile does not
/// already hold. Where the role's own standard settles a point differently, the claimed
/// requirement is not applicable, with why.
struct ClaimedProfile: Sendable {
    /// Requirements of the claimed profile that each role's standard replaces.
    static let replacedByRole: [CertificateType: [RequirementID: String]] = [
        .ocspResponder: [
            "CERT-064": "EN 319 412-2 GEN-4.3.11-1A exempts OCSP responder certificates from the revocation pointers",
            "CERT-065": "EN 319 412-2 GEN-4.4.1-1 exempts OCSP responder certificates from authorityInfoAccess",
            "CERT-059": "a responder's key usage is RFC 6960's (CERT-312), not a Table 1 type of EN 319 412-2",
            "CERT-060": "a responder signs OCSP responses, not content commitments (CERT-312)",
        ]
    ]

    /// The roles whose claim is checked. A TSU is left out: EN 319 422 §6 itself profiles the TSU
    /// certificate by amending EN 319 412-2/-3, and QcCompliance in a TSU certificate does not
    /// make the unit's key a signature or seal key (docs/DIFFERENTIAL.md, T1 and T9).
    static let roles: Set<CertificateType> = [.tlSigner, .ocspResponder]

    let role: CertificateType
    let claimed: CertificateType
    let claimedProfile: String
    let reasons: [String]

    /// The claim of `detection`, when it names a profile other than `roleProfile`.
    init?(_ detection: CertificateTypeDetection, roleProfile: String) {
        guard Self.roles.contains(detection.type), let claim = detection.claimed,
            let name = ProfileSelection.certificateProfiles[claim.type], name != roleProfile
        else { return nil }
        role = detection.type
        claimed = claim.type
        claimedProfile = name
        reasons = claim.reasons
    }

    /// The words `profileReason` adds.
    var reason: String {
        "also claims \(claimed.rawValue) (\(reasons.joined(separator: "; "))): the requirements of \(claimedProfile) "
            + "that the role's profile lacks are checked too"
    }

    /// `roleChecks` followed by the claimed profile's checks of requirements they do not hold.
    func merged(_ roleChecks: [Check], claimedChecks: [Check]) -> [Check] {
        let held = Set(roleChecks.map(\.requirement))
        let replaced = Self.replacedByRole[role] ?? [:]
        var added = Set<RequirementID>()
        var checks = roleChecks
        for check in claimedChecks where !held.contains(check.requirement) {
            guard let why = replaced[check.requirement] else {
                checks.append(check)
                continue
            }
            guard added.insert(check.requirement).inserted else { continue }
            var notApplicable = check
            notApplicable.outcome = .notApplicable
            (notApplicable.observed, notApplicable.expected, notApplicable.location) = (nil, nil, nil)
            notApplicable.message = "\(claimedProfile) asks it, but for this \(role.rawValue) certificate: \(why)"
            checks.append(notApplicable)
        }
        return checks
    }
}
