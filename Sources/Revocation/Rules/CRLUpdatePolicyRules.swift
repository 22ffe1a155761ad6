import AuditCore
import Certificates

/// Requirements of certificate policies on CRLs: CA/B Forum TLS Baseline Requirements (for
/// QWAC and other TLS issuers) and ETSI EN 319 411-1 status services.
public enum CRLUpdatePolicyRules {
    static let all: [Rule<InspectedCRL>] = [tlsReasonCodes, tlsUpdateInterval]

    /// Which certificates a CRL covers, as far as its scope and its issuer tell.
    enum Coverage: Equatable {
        case subscriber(String), ca(String), unknown
    }

    /// Subscriber certificates when the IDP says so or the issuer may not issue CA certificates
    /// (pathLenConstraint 0); CA certificates when the IDP says so or the issuer is a root.
    static func coverage(_ list: CertificateList, _ item: InspectedCRL) -> Coverage {
        if let idp = list.issuingDistributionPoint {
            if idp.onlyContainsUserCerts { return .subscriber("issuingDistributionPoint onlyContainsUserCerts") }
            if idp.onlyContainsCACerts { return .ca("issuingDistributionPoint onlyContainsCACerts") }
        }
        guard let issuer = item.issuerCandidates.first else { return .unknown }
        if issuer.certificate.isSelfIssued { return .ca("the issuer is a self-issued (root) CA") }
        if (try? issuer.extensions.basicConstraints?.get())?.pathLength == 0 {
            return .subscriber("the issuer's pathLenConstraint 0 allows end-entity certificates only")
        }
        return .unknown
    }

    /// reasonCode, when present, is one the BR allow: never unspecified (0) or certificateHold (6) (§4.9.13: no
    /// suspension), nor the attribute or removal codes; and the CRL is not indirect (the BR's issuingDistributionPoint
    /// profile).
    static let tlsReasonCodes = CRLRules.decoded("REV-030") { list, item, _ in
        guard let entries = item.entries else { return [] }
        var found: [Finding] = []
        if list.issuingDistributionPoint?.indirectCRL == true {
            found.append(
                .fail(
                    observed: "issuingDistributionPoint indirectCRL TRUE", expected: "indirectCRL absent (FALSE)",
                    location: "crlExtensions 2.5.29.28",
                    message: "the TLS Baseline Requirements do not allow indirect CRLs: each CA issues its own"))
        }
        guard list.revokedCertificates != nil else {
            return found.isEmpty
                ? [.notApplicable(because: "the CRL lists no revoked certificate and is not indirect")] : found
        }
        let forbidden = [0, 6, 10] + (list.isDelta ? [] : [8])
        found += forbidden.compactMap { code in
            let count = entries.reasonCounts[code]
            guard count > 0 else { return nil }
            let name = CRLEntryWalk.reasonNames[code] ?? "\(code)"
            return .fail(
                observed: "reasonCode \(name) (\(code)) on \(count) entr\(count == 1 ? "y" : "ies")",
                expected:
                    "absent, or keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn",
                location: "entry byte \(entries.reasonFirstOffsets[code])",
                message: "the TLS Baseline Requirements do not allow reasonCode \(name) on a CRL")
        }
        return found.isEmpty ? [.pass(observed: Self.reasonSummary(entries))] : found
    }

    /// nextUpdate at most 10 days after thisUpdate for a CRL of subscriber certificates, at most 12 months for one of
    /// CA certificates.
    static let tlsUpdateInterval = CRLRules.decoded("REV-031") { list, item, _ in
        guard let next = list.nextUpdate?.secondsSince1970, let this = list.thisUpdate.secondsSince1970 else {
            return [.notChecked(because: "thisUpdate or nextUpdate is absent or unreadable (REV-006)")]
        }
        guard next >= this else { return [.notChecked(because: "nextUpdate precedes thisUpdate (REV-006)")] }
        let days = Double(next - this) / 86_400
        let observed = "nextUpdate \(Self.interval(next - this)) after thisUpdate"
        let tenDays = 10.0
        let twelveMonths = 366.0
        switch coverage(list, item) {
        case .subscriber(let why):
            return days <= tenDays
                ? [.pass(observed: observed + " (subscriber CRL: \(why))")]
                : [
                    .fail(
                        observed: observed + " (subscriber CRL: \(why))", expected: "at most 10 days",
                        location: "tbsCertList.nextUpdate",
                        message: "a CRL of subscriber certificates has nextUpdate at most ten days after thisUpdate")
                ]
        case .ca(let why):
            return days <= twelveMonths
                ? [.pass(observed: observed + " (CA CRL: \(why))")]
                : [
                    .fail(
                        observed: observed + " (CA CRL: \(why))", expected: "at most 12 months",
                        location: "tbsCertList.nextUpdate",
                        message: "a CRL of CA certificates has nextUpdate at most twelve months after thisUpdate")
                ]
        case .unknown:
            if days <= tenDays { return [.pass(observed: observed + " (within the subscriber limit)")] }
            if days > twelveMonths {
                return [
                    .fail(
                        observed: observed, expected: "at most 12 months", location: "tbsCertList.nextUpdate",
                        message: "beyond even the twelve months allowed for a CRL of CA certificates")
                ]
            }
            return [
                .notChecked(
                    because: observed + ": within the 12 months allowed for CA CRLs but beyond the 10 days for "
                        + "subscriber CRLs, and neither the issuingDistributionPoint nor a supplied issuer (--issuer) tells which this CRL is"
                )
            ]
        }
    }

    /// "3 entries: keyCompromise 2, no reasonCode 1" — what the CRL's entries say, for a pass.
    static func reasonSummary(_ entries: CRLEntryWalk) -> String {
        let withReason = (0..<entries.reasonCounts.count).filter { entries.reasonCounts[$0] > 0 }
        let counted = withReason.map { "\(CRLEntryWalk.reasonNames[$0] ?? "\($0)") \(entries.reasonCounts[$0])" }
        let without = entries.entryCount - withReason.reduce(0) { $0 + entries.reasonCounts[$1] }
        let parts = counted + (without > 0 ? ["no reasonCode \(without)"] : [])
        return "\(entries.entryCount) entr\(entries.entryCount == 1 ? "y" : "ies"): " + parts.joined(separator: ", ")
    }

    /// "14 days", "4 days 6 h", "-1 days" — an interval as an auditor reads it.
    static func interval(_ seconds: Int64) -> String {
        let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let hours = rest / 3600
        let minutes = rest % 3600 / 60
        return "\(days) days" + (hours != 0 ? " \(hours) h" : "") + (minutes != 0 ? " \(minutes) min" : "")
    }
}
