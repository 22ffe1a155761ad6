import AuditCore

/// Time-stamping unit certificates (RFC 3161 §2.3, EN 319 422): CERT-190, CERT-191.
enum TSURules {
    static let all: [Rule<InspectedCertificate>] = [timeStampingOnly, signingKeyUsage]

    /// extKeyUsage critical with id-kp-timeStamping only.
    static let timeStampingOnly = CertificateRules.profiled("CERT-190") { view, _ in
        let ext = view.tbs.extension(.CertificateExtension.extendedKeyUsage)
        switch view.extensions.extendedKeyUsage {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "critical extKeyUsage {timeStamping}", location: "extensions",
                    message: "a TSU certificate must have a critical extKeyUsage with id-kp-timeStamping only")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let eku)?:
            var findings: [Finding] = []
            if eku.purposes != [ExtendedKeyUsage.timeStamping] {
                findings.append(
                    .fail(
                        observed: eku.purposes.map(\.dotted).joined(separator: ", "),
                        expected: "1.3.6.1.5.5.7.3.8 only", location: "extKeyUsage",
                        message: "a TSU certificate's extKeyUsage must contain id-kp-timeStamping and nothing else"))
            }
            if ext?.critical != true {
                findings.append(
                    .fail(
                        observed: "not critical", location: "extKeyUsage",
                        message: "a TSU certificate's extKeyUsage must be critical"))
            }
            return findings
        }
    }

    /// keyUsage digitalSignature and/or nonRepudiation only.
    static let signingKeyUsage = CertificateRules.profiled("CERT-191") { view, _ in
        switch view.extensions.keyUsage {
        case nil:
            return [.fail(observed: "absent", location: "extensions", message: "a TSU certificate must have keyUsage")]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let usage)?:
            let allowed: Set<KeyUsage.Bit> = [.digitalSignature, .nonRepudiation]
            guard usage.bits.isEmpty || !usage.bits.isSubset(of: allowed) else { return [] }
            var finding = Finding.fail(
                observed: "\(usage)", expected: "digitalSignature and/or nonRepudiation", location: "keyUsage",
                message: "a TSU key may only be used for signing time-stamps")
            // Certificate or CRL signing, or no signing bit at all, contradicts the TSU's job; an
            // extra encipherment bit is a looser key-usage type (EN 319 412-2 Table 1 via EN 319 422):
            // minor.
            let serious =
                usage.bits.isEmpty || usage.contains(.keyCertSign) || usage.contains(.cRLSign)
                || usage.bits.isDisjoint(with: allowed)
            if !serious { finding.gradeCap = .minor }
            return [finding]
        }
    }
}
