import AuditCore
import Certificates

/// What ETSI EN 319 411-1 (§6.3.9) asks of the CRLs of a TSP's certificate status service
/// beyond RFC 5280: a CRL of end-user certificates at least every 24 hours, a CA revocation
/// list at least yearly, and 99991231235959Z as the nextUpdate of the last CRL of a scope.
enum CRLStatusServiceRules {
    static let all: [Rule<InspectedCRL>] = [issuanceCadence, caListValidity]

    /// The nextUpdate that marks the last CRL of its scope (EN 319 411-1 CSS-6.3.9-06, after
    /// RFC 5280 §4.1.2.5's "no well-defined expiration date").
    static let finalNextUpdate = "99991231235959Z"

    /// A CRL of end-user certificates is issued at least every 24 hours, judged against its predecessor (cRLNumber one
    /// less, same issuer and scope) given with `--crl`.
    static let issuanceCadence = CRLRules.decoded("REV-040") { list, item, _ in
        if case .ca(let why) = CRLUpdatePolicyRules.coverage(list, item) {
            return [.notApplicable(because: "a CRL of CA certificates (\(why)): its cadence is REV-041's")]
        }
        guard let number = list.crlNumber, let time = list.thisUpdate.secondsSince1970 else {
            return [
                .notChecked(
                    because: "without a readable cRLNumber and thisUpdate the CRL's predecessor cannot be identified")
            ]
        }
        if CRLNumber.magnitude(number).isEmpty {
            return [.notApplicable(because: "cRLNumber 0: the first CRL of its sequence has no predecessor")]
        }
        let peers = item.sequencePeers(of: list)
        guard
            let previous = peers.first(where: {
                $0.list.crlNumber.map { CRLNumber.isSuccessor(number, of: $0) } == true
            }),
            let previousTime = previous.list.thisUpdate.secondsSince1970
        else {
            return [
                .notChecked(
                    because:
                        "the issuance cadence shows between consecutive CRLs: give this issuer's CRL of the same scope "
                        + "numbered one less than \(CRLNumber.text(number)) with --crl")
            ]
        }
        let gap = time - previousTime
        let observed =
            "thisUpdate \(list.thisUpdate.text), \(CRLUpdatePolicyRules.interval(gap)) after the previous CRL's "
            + "\(previous.list.thisUpdate.text) (\(previous.source), cRLNumber \(previous.list.crlNumber.map(CRLNumber.text) ?? "?"))"
        guard gap > 86_400 else { return [.pass(observed: observed)] }
        return [
            .fail(
                observed: observed, expected: "at most 24 hours between consecutive CRLs",
                location: "tbsCertList.thisUpdate",
                message:
                    "consecutive CRLs of end-user certificates more than 24 hours apart: a new CRL is due at least every 24 hours"
            )
        ]
    }

    /// A CA revocation list has nextUpdate at most one year after thisUpdate; CSS-6.3.9-06 — unless it is the last CRL
    /// of its scope (99991231235959Z).
    static let caListValidity = CRLRules.decoded("REV-041") { list, item, _ in
        guard let nextUpdate = list.nextUpdate, let next = nextUpdate.secondsSince1970,
            let this = list.thisUpdate.secondsSince1970
        else {
            return [.notChecked(because: "thisUpdate or nextUpdate is absent or unreadable (REV-006)")]
        }
        if nextUpdate.text == finalNextUpdate {
            return [.pass(observed: "nextUpdate \(finalNextUpdate): the last CRL of its scope")]
        }
        guard next >= this else { return [.notChecked(because: "nextUpdate precedes thisUpdate (REV-006)")] }
        let observed = "nextUpdate \(CRLUpdatePolicyRules.interval(next - this)) after thisUpdate"
        // A calendar year from thisUpdate is at most 366 days.
        let withinAYear = next - this <= 366 * 86_400
        switch CRLUpdatePolicyRules.coverage(list, item) {
        case .subscriber(let why):
            return [.notApplicable(because: "a CRL of end-user certificates (\(why)): its cadence is REV-040's")]
        case .ca(let why):
            return withinAYear
                ? [.pass(observed: observed + " (CA revocation list: \(why))")]
                : [
                    .fail(
                        observed: observed + " (CA revocation list: \(why))", expected: "at most one year",
                        location: "tbsCertList.nextUpdate",
                        message:
                            "a CA revocation list is reissued at least yearly, with nextUpdate at most one year ahead")
                ]
        case .unknown:
            if withinAYear {
                return [.pass(observed: observed + " (within the one year allowed even for a CA revocation list)")]
            }
            return [
                .notChecked(
                    because: observed + ": beyond the one year of a CA revocation list, but neither the "
                        + "issuingDistributionPoint nor a supplied issuer (--issuer) tells whether this CRL is one")
            ]
        }
    }
}
