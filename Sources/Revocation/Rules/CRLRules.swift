import AuditCore
import Certificates

/// Every CRL rule of this module, one per requirement (RFC 5280 §5, EN 319 411-1, CA/B Forum TLS BR).
public enum CRLRules {
    public static let all = RuleSet<InspectedCRL>(
        [
            derEncoding, version, signatureAlgorithms, issuerName, timeEncodings, nextUpdate, authorityKeyIdentifier,
            crlNumber,
            crlNumberSequence, issuingDistributionPoint, deltaIndicator, extensionSet, signature,
        ]
            + CRLEntryRules.all + CRLUpdatePolicyRules.all + CRLStatusServiceRules.all)

    /// Builds a rule that needs the decoded list; without one it is not checked.
    static func decoded(
        _ id: RequirementID, _ body: @escaping @Sendable (CertificateList, InspectedCRL, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedCRL> {
        Rule(id) { item, context in
            switch item.list {
            case .success(let list): body(list, item, context)
            case .failure(let error): [.notChecked(id, because: "the CRL cannot be decoded: \(error)")]
            }
        }
    }

    /// One DER value, nothing after it.
    static let derEncoding = Rule<InspectedCRL>("REV-001") { item, _ in
        var findings = item.derScan.violations.map {
            Finding.fail(observed: $0.message, expected: "DER", location: $0.location, message: $0.message)
        }
        if item.derScan.suppressedViolations > 0 {
            findings.append(
                .fail(
                    observed: "\(item.derScan.suppressedViolations) more violation(s)", location: "item",
                    message: "further DER violations were counted but not listed"))
        }
        if case .failure(let error) = item.list {
            findings.append(
                .fail(
                    observed: error.reason, location: error.location,
                    message: "the item is not an RFC 5280 CertificateList: \(error.reason)"))
        }
        if let unreadable = item.entries?.unreadable {
            findings.append(
                .fail(
                    observed: unreadable.reason, location: unreadable.location,
                    message: "\(unreadable.reason); the entries after it were not checked"))
        }
        return findings
    }

    /// A CRL with extensions is v2 (version INTEGER 1).
    static let version = decoded("REV-002") { list, item, _ in
        let extended = list.hasExtensionsField || (item.entries?.entriesWithExtensions ?? 0) > 0
        let value = list.version.flatMap(list.reader.smallInteger)
        let observed = list.version == nil ? "version absent (v1)" : "version \(value.map(String.init) ?? "?")"
        if value == 1 { return [.pass(observed: "v2")] }
        if list.version == nil && !extended { return [.pass(observed: "v1 without extensions")] }
        return [
            .fail(
                observed: observed, expected: "INTEGER 1 (v2)", location: "tbsCertList.version",
                message: extended
                    ? "the CRL has extensions, so version must be present and v2"
                    : "version, when present, must be v2 (INTEGER 1)")
        ]
    }

    /// tbsCertList.signature equals signatureAlgorithm.
    static let signatureAlgorithms = decoded("REV-003") { list, _, _ in
        let inner = list.reader.encoded(list.innerSignatureAlgorithm)
        let outer = list.reader.encoded(list.signatureAlgorithm)
        let observed =
            "tbsCertList.signature \(list.algorithm(list.innerSignatureAlgorithm).map { "\($0)" } ?? "?"), "
            + "signatureAlgorithm \(list.algorithm(list.signatureAlgorithm).map { "\($0)" } ?? "?")"
        return inner.elementsEqual(outer)
            ? [.pass(observed: observed)]
            : [
                .fail(
                    observed: observed
                        + (list.algorithm(list.innerSignatureAlgorithm) == list.algorithm(list.signatureAlgorithm)
                            ? " (parameters differ)" : ""),
                    location: "tbsCertList.signature byte \(list.innerSignatureAlgorithm.start)",
                    message: "the signed algorithm identifier and the outer one must be the same bytes")
            ]
    }

    /// The issuer is a non-empty distinguished name.
    static let issuerName = decoded("REV-004") { list, _, _ in
        list.issuer.isEmpty
            ? [
                .fail(
                    observed: "empty Name", location: "tbsCertList.issuer byte \(list.issuer.start)",
                    message: "the CRL issuer must be a non-empty distinguished name")
            ] : []
    }

    /// thisUpdate, nextUpdate and every revocationDate are UTCTime through 2049 and GeneralizedTime from 2050, with
    /// seconds and Z.
    static let timeEncodings = decoded("REV-005") { list, item, _ in
        var findings: [Finding] = [("thisUpdate", list.thisUpdate), ("nextUpdate", list.nextUpdate)].compactMap {
            name, time in
            guard let time, let problem = time.rfc5280EncodingProblem else { return nil }
            return .fail(
                observed: "\(time)", location: "tbsCertList.\(name) byte \(time.offset)", message: "\(name): \(problem)"
            )
        }
        if let entries = item.entries {
            findings += CRLEntryRules.findings(entries.revocationDates, what: "revocationDate")
        }
        return findings
    }

    /// nextUpdate is present and later than thisUpdate.
    static let nextUpdate = decoded("REV-006") { list, _, _ in
        guard let next = list.nextUpdate else {
            return [
                .fail(
                    observed: "absent", location: "tbsCertList.nextUpdate",
                    message:
                        "a conforming CRL issuer includes nextUpdate: without it relying parties cannot tell a current CRL from a stale one"
                )
            ]
        }
        guard let start = list.thisUpdate.secondsSince1970, let end = next.secondsSince1970 else {
            return [.notChecked(because: "thisUpdate or nextUpdate cannot be read as a date (see REV-005)")]
        }
        let observed = "thisUpdate \(list.thisUpdate.text), nextUpdate \(next.text)"
        return end > start
            ? [.pass(observed: observed)]
            : [
                .fail(
                    observed: observed, expected: "nextUpdate after thisUpdate",
                    location: "tbsCertList.nextUpdate byte \(next.offset)",
                    message: "nextUpdate is not later than thisUpdate")
            ]
    }

    /// An extension every CRL carries, non-critical: the extension (nil when absent) and the
    /// findings on its presence and criticality.
    static func requiredNonCritical(
        _ list: CertificateList, _ oid: [UInt8], _ dotted: String, name: String, absent: String
    ) -> (RevocationExtension?, [Finding]) {
        guard let ext = list.extensions(oid).first else {
            return (nil, [.fail(observed: "absent", location: "crlExtensions", message: absent)])
        }
        guard ext.critical else { return (ext, []) }
        return (
            ext,
            [
                .fail(
                    observed: "critical", expected: "non-critical", location: "crlExtensions \(dotted)",
                    message: "\(name) is a non-critical extension")
            ]
        )
    }

    /// authorityKeyIdentifier present, non-critical, key identifier method.
    static let authorityKeyIdentifier = decoded("REV-007") { list, _, _ in
        let (aki, presence) = requiredNonCritical(
            list, RevocationOID.authorityKeyIdentifier, "2.5.29.35", name: "authorityKeyIdentifier",
            absent: "every CRL carries an authorityKeyIdentifier naming the signing key")
        guard aki != nil else { return presence }
        var findings = presence
        if list.authorityKeyIdentifier == nil {
            findings.append(
                .fail(
                    observed: "no keyIdentifier [0]", location: "crlExtensions 2.5.29.35",
                    message: "a CRL issuer uses the key identifier method: keyIdentifier must be present"))
        }
        return findings
    }

    /// cRLNumber present, non-critical, 0 ≤ n, at most 20 octets.
    static let crlNumber = decoded("REV-008") { list, _, _ in
        let (ext, presence) = requiredNonCritical(
            list, RevocationOID.crlNumber, "2.5.29.20", name: "cRLNumber",
            absent: "every CRL carries a cRLNumber, so relying parties can order CRLs and detect a missing one")
        guard ext != nil else { return presence }
        var findings = presence
        guard let number = list.crlNumber, !number.isEmpty else {
            return findings + [
                .fail(
                    observed: "not an INTEGER", location: "crlExtensions 2.5.29.20",
                    message: "cRLNumber holds an INTEGER")
            ]
        }
        if number.first! & 0x80 != 0 {
            findings.append(
                .fail(observed: "negative", location: "crlExtensions 2.5.29.20", message: "cRLNumber is 0 or more"))
        }
        if number.count > 20 {
            findings.append(
                .fail(
                    observed: "\(number.count) octets", expected: "at most 20 octets",
                    location: "crlExtensions 2.5.29.20",
                    message: "cRLNumber values are at most 20 octets long"))
        }
        return findings.isEmpty ? [.pass(observed: "cRLNumber \(CRLNumber.text(number))")] : findings
    }

    /// cRLNumber increases with thisUpdate among the CRLs of one issuer and scope given with `--crl` (complete and
    /// delta CRLs share one sequence).
    static let crlNumberSequence = decoded("REV-009") { list, item, _ in
        guard let number = list.crlNumber else {
            return [.notApplicable(because: "the CRL has no cRLNumber (REV-008)")]
        }
        let peers = item.sequencePeers(of: list)
        guard !peers.isEmpty, let time = list.thisUpdate.secondsSince1970 else {
            return [.notApplicable(because: "no other CRL of this issuer and scope was given with --crl")]
        }
        var findings: [Finding] = []
        for peer in peers {
            guard let peerNumber = peer.list.crlNumber, let peerTime = peer.list.thisUpdate.secondsSince1970 else {
                continue
            }
            let order = CRLNumber.compare(number, peerNumber)
            let inverted =
                (peerTime < time && order <= 0) || (peerTime > time && order >= 0) || (peerTime == time && order != 0)
            if inverted {
                findings.append(
                    .fail(
                        observed: "cRLNumber \(CRLNumber.text(number)) at thisUpdate \(list.thisUpdate.text); "
                            + "\(peer.source): cRLNumber \(CRLNumber.text(peerNumber)) at thisUpdate \(peer.list.thisUpdate.text)",
                        location: "crlExtensions 2.5.29.20",
                        message:
                            "CRL numbers of one issuer and scope increase monotonically with time; these two CRLs are out of order"
                    ))
            }
        }
        return findings.isEmpty
            ? [.pass(observed: "in sequence with \(peers.count) other CRL(s) of the issuer")] : findings
    }

    /// issuingDistributionPoint critical, not empty, at most one onlyContains… flag, onlyContainsAttributeCerts FALSE.
    static let issuingDistributionPoint = decoded("REV-010") { list, _, _ in
        guard let ext = list.extensions(RevocationOID.issuingDistributionPoint).first,
            let idp = list.issuingDistributionPoint
        else {
            return [.notApplicable(because: "no issuingDistributionPoint")]
        }
        let location = "crlExtensions 2.5.29.28"
        var findings: [Finding] = []
        if !ext.critical {
            findings.append(
                .fail(
                    observed: "non-critical", expected: "critical", location: location,
                    message:
                        "issuingDistributionPoint is a critical extension: a relying party that ignores it would misread the CRL's scope"
                ))
        }
        if !idp.readable {
            findings.append(
                .fail(
                    observed: "not a SEQUENCE", location: location, message: "issuingDistributionPoint cannot be read"))
        } else if idp.isEmpty {
            findings.append(
                .fail(
                    observed: "empty SEQUENCE", location: location,
                    message: "an issuingDistributionPoint that is an empty SEQUENCE must not be issued"))
        }
        let flags = [idp.onlyContainsUserCerts, idp.onlyContainsCACerts, idp.onlyContainsAttributeCerts].filter { $0 }
            .count
        if flags > 1 {
            findings.append(
                .fail(
                    observed: "\(flags) onlyContains… flags TRUE", location: location,
                    message:
                        "at most one of onlyContainsUserCerts, onlyContainsCACerts and onlyContainsAttributeCerts is TRUE"
                ))
        }
        if idp.onlyContainsAttributeCerts {
            findings.append(
                .fail(
                    observed: "onlyContainsAttributeCerts TRUE", location: location,
                    message: "a CRL under this profile does not cover attribute certificates"))
        }
        return findings
    }

    /// deltaCRLIndicator critical, its base number below the CRL's.
    static let deltaIndicator = decoded("REV-011") { list, _, _ in
        guard let ext = list.extensions(RevocationOID.deltaCRLIndicator).first else {
            return [.notApplicable(because: "a complete CRL (no deltaCRLIndicator)")]
        }
        let location = "crlExtensions 2.5.29.27"
        var findings: [Finding] = []
        if !ext.critical {
            findings.append(
                .fail(
                    observed: "non-critical", expected: "critical", location: location,
                    message:
                        "deltaCRLIndicator is critical, so a relying party that cannot process delta CRLs rejects it"))
        }
        guard let base = list.baseCRLNumber else {
            return findings + [
                .fail(
                    observed: "no BaseCRLNumber INTEGER", location: location,
                    message: "deltaCRLIndicator holds the base CRL's number")
            ]
        }
        if let number = list.crlNumber, CRLNumber.compare(base, number) >= 0 {
            findings.append(
                .fail(
                    observed: "BaseCRLNumber \(CRLNumber.text(base)), cRLNumber \(CRLNumber.text(number))",
                    location: location,
                    message: "a delta CRL is issued after its base: its cRLNumber is greater than BaseCRLNumber"))
        }
        return findings
    }

    /// Each extension once, no critical extension a relying party cannot know.
    static let extensionSet = decoded("REV-012") { list, _, _ in
        var findings: [Finding] = []
        for (position, ext) in list.extensions.enumerated() {
            if list.extensions[..<position].contains(where: { $0.identifier.elementsEqual(ext.identifier) }) {
                findings.append(
                    .fail(
                        observed: "\(ext.dotted) twice", location: "crlExtensions byte \(ext.element.start)",
                        message: "an extension appears at most once"))
            }
            if ext.critical && !RevocationOID.knownCRLExtensions.contains(where: { ext.identifier.elementsEqual($0) }) {
                findings.append(
                    .fail(
                        observed: "critical \(ext.dotted)", location: "crlExtensions byte \(ext.element.start)",
                        message:
                            "a critical extension that RFC 5280 does not define: relying parties must reject the CRL"))
            }
        }
        return findings
    }

    /// The signature verifies with the key of a supplied issuer certificate named as the CRL issuer, which may sign
    /// CRLs (cRLSign).
    static let signature = decoded("REV-020") { list, item, _ in
        let candidates = item.issuerCandidates
        guard !candidates.isEmpty else {
            let supplied = item.inputs.issuers?.count ?? 0
            return [
                .notChecked(
                    because: supplied == 0
                        ? "no issuer certificate supplied (--issuer)"
                        : "none of the \(supplied) supplied issuer certificates has the CRL's issuer as subject")
            ]
        }
        guard let algorithm = list.algorithm(list.signatureAlgorithm) else {
            return [
                .fail(
                    observed: "unreadable signatureAlgorithm", location: "signatureAlgorithm",
                    message: "the signature algorithm cannot be read")
            ]
        }
        var last: SignatureVerification.Outcome = .unusable("no supplied issuer key is usable")
        for issuer in candidates {
            guard let key = issuer.key else { continue }
            last = SignatureVerification.verify(
                signature: list.signatureValue, over: list.reader.encoded(list.tbsCertList), key: key,
                signatureAlgorithm: algorithm)
            guard case .valid = last else { continue }
            if let usage = issuer.extensions.usage, !usage.contains(.cRLSign) {
                return [
                    .fail(
                        observed: "the supplied issuer's keyUsage is \(usage)",
                        expected: "cRLSign", location: "issuer certificate keyUsage",
                        message:
                            "the CRL verifies with a key whose certificate does not allow CRL signing (keyUsage without cRLSign)"
                    )
                ]
            }
            return [.pass(observed: "\(algorithm) verified with the supplied issuer's key")]
        }
        switch last {
        case .invalid(let reason):
            return [
                .fail(
                    observed: reason, location: "signatureValue",
                    message:
                        "the CRL's signature does not verify with the issuer's key: the list was altered or signed by another key"
                )
            ]
        case .unusable(let reason): return [.notChecked(because: reason)]
        case .valid: return []
        }
    }
}

/// cRLNumber values as big-endian magnitudes (up to 20 octets, beyond any machine integer).
enum CRLNumber {
    static func magnitude(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> { bytes.drop { $0 == 0 } }

    static func compare(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let (x, y) = (magnitude(a), magnitude(b))
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    /// Whether `a` is `b` + 1 (numbers of up to 8 magnitude octets; longer ones are not compared).
    static func isSuccessor(_ a: ArraySlice<UInt8>, of b: ArraySlice<UInt8>) -> Bool {
        let (x, y) = (magnitude(a), magnitude(b))
        guard x.count <= 8, y.count <= 8 else { return false }
        let value = { (bytes: ArraySlice<UInt8>) in bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        return value(y) < UInt64.max && value(x) == value(y) + 1
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.count <= 7 ? String(bytes.reduce(0) { $0 << 8 | Int($1) }) : "0x" + CRLEntryWalk.hex(bytes)
    }
}
