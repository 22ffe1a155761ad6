import AuditCore

/// The rules on revokedCertificates entries (RFC 5280 §5.1.2.6, §5.3), read from the one walk
/// ``CRLEntryWalk`` made: each reports the first problems with their offsets and the count.
public enum CRLEntryRules {
    static let all: [Rule<InspectedCRL>] = [
        sampled("REV-013", \.serials, what: "serial number"),
        sampled("REV-014", \.duplicates, what: "duplicate serial"),
        emptyList,
        reasonCodes,
        sampled("REV-017", \.invalidityDates, what: "invalidityDate"),
        sampled("REV-018", \.certificateIssuers, what: "certificateIssuer"),
        sampled("REV-019", \.entryExtensions, what: "entry extension"),
    ]

    /// The findings of a sample: one per kept problem, and one for the problems not listed.
    static func findings(_ sample: ProblemSample, what: String, capped: Bool = false) -> [Finding] {
        var findings = sample.first.map { problem in
            capped
                ? Finding.shouldFail(
                    observed: problem.observed, location: "entry byte \(problem.offset)", message: problem.message)
                : Finding.fail(
                    observed: problem.observed, location: "entry byte \(problem.offset)", message: problem.message)
        }
        if sample.count > sample.first.count {
            let more =
                "\(sample.count - sample.first.count) more entries with the same kind of \(what) problem (\(sample.count) in all)"
            findings.append(
                capped
                    ? .shouldFail(observed: more, location: "revokedCertificates", message: more)
                    : .fail(observed: more, location: "revokedCertificates", message: more))
        }
        return findings
    }

    static func sampled(_ id: RequirementID, _ path: KeyPath<CRLEntryWalk, ProblemSample> & Sendable, what: String)
        -> Rule<InspectedCRL>
    {
        CRLRules.decoded(id) { list, item, _ in
            guard let entries = item.entries else { return [] }
            guard list.revokedCertificates != nil else {
                return [.notApplicable(id, because: "the CRL lists no revoked certificate")]
            }
            let found = findings(entries[keyPath: path], what: what)
            return found.isEmpty ? [.pass(id, observed: "\(entries.entryCount) entries")] : found
        }
    }

    /// With no revoked certificate the list is absent, not empty.
    static let emptyList = CRLRules.decoded("REV-015") { list, _, _ in
        guard let revoked = list.revokedCertificates else { return [.pass(observed: "revokedCertificates absent")] }
        return revoked.isEmpty
            ? [
                .fail(
                    observed: "empty SEQUENCE", location: "tbsCertList.revokedCertificates byte \(revoked.start)",
                    message: "when no certificate is revoked, revokedCertificates is left out rather than encoded empty"
                )
            ] : []
    }

    /// reasonCode non-critical, a defined CRLReason, removeFromCRL only in delta CRLs; unspecified(0) should be left
    /// out (a "should": minor at most).
    static let reasonCodes = CRLRules.decoded("REV-016") { list, item, _ in
        guard let entries = item.entries else { return [] }
        guard list.revokedCertificates != nil else {
            return [.notApplicable(because: "the CRL lists no revoked certificate")]
        }
        let found =
            findings(entries.reasonCodes, what: "reasonCode")
            + findings(entries.unspecifiedReasons, what: "unspecified reasonCode", capped: true)
        guard found.isEmpty else { return found }
        let used = entries.reasonCounts.enumerated().filter { $0.element > 0 }
            .map { "\(CRLEntryWalk.reasonNames[$0.offset] ?? "\($0.offset)") ×\($0.element)" }
        return [.pass(observed: used.isEmpty ? "no reasonCode" : used.joined(separator: ", "))]
    }
}
