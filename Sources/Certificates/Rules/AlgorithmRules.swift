import AuditCore
import SwiftASN1

/// Algorithms and keys (EN 319 412-2 GEN-4.2.2-1 / GEN-4.2.5-1 with ETSI TS 119 312).
enum AlgorithmRules {
    static let all: [Rule<InspectedCertificate>] = [signatureAlgorithm, publicKey, stillAcceptable]

    /// Algorithms TS 119 312 discontinued, with the first issuance date (seconds since 1970) from
    /// which a certificate may no longer use them (TS 119 312 V2.1.1 Annex D, Tables D.1 and D.2:
    /// older documents are read as relative to issuance). SHA-1 signatures: 2012-08-01 (last
    /// recommended by TS 102 176-1 V2.0.0, 2007-11, for one more year).
    static let discontinuedSignatureAlgorithms: [ASN1ObjectIdentifier: (name: String, until: Int64, since: String)] = [
        [1, 2, 840, 113_549, 1, 1, 5]: ("sha1WithRSAEncryption", CivilDay.literal("2012-08-01"), "2012-08-01"),
        [1, 2, 840, 10_045, 4, 1]: ("ecdsa-with-SHA1", CivilDay.literal("2012-08-01"), "2012-08-01"),
    ]
    /// RSA moduli of 1024 to 2047 bits: not for certificates issued from 2019-10-01 (Table D.2,
    /// recommended in TS 119 312 V1.1.1, dropped by V1.2.2, 2018-09).
    static let shortRSAUntilText: StaticString = "2019-10-01"
    static let shortRSAUntil = CivilDay.literal(shortRSAUntilText)

    /// The certificate's discontinued signature algorithm, when it was issued while still accepted.
    static func signatureAcceptedOnlyAtIssuance(_ certificate: Certificate) -> (name: String, since: String)? {
        guard let old = discontinuedSignatureAlgorithms[certificate.signatureAlgorithm.algorithm],
            let issued = certificate.tbs.notBefore.secondsSince1970, issued < old.until
        else { return nil }
        return (old.name, old.since)
    }

    /// Whether an RSA modulus of `bits` is short but was accepted when `certificate` was issued.
    static func shortRSAAcceptedAtIssuance(_ bits: Int, _ certificate: Certificate) -> Bool {
        guard (1024..<2048).contains(bits), let issued = certificate.tbs.notBefore.secondsSince1970 else {
            return false
        }
        return issued < shortRSAUntil
    }

    /// The discontinued algorithm or key the certificate used lawfully at issuance, if any.
    static func acceptedOnlyAtIssuance(_ view: CertificateView) -> String? {
        if let old = signatureAcceptedOnlyAtIssuance(view.certificate) {
            return "\(old.name) (issued \(view.tbs.notBefore.text), before \(old.since))"
        }
        if let bits = (try? view.extensions.publicKey.get())?.rsaModulusBits,
            shortRSAAcceptedAtIssuance(bits, view.certificate)
        {
            return "RSA \(bits) bits (issued \(view.tbs.notBefore.text), before \(shortRSAUntilText))"
        }
        return nil
    }

    static let acceptedSignatureAlgorithms: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 113_549, 1, 1, 11]: "sha256WithRSAEncryption",
        [1, 2, 840, 113_549, 1, 1, 12]: "sha384WithRSAEncryption",
        [1, 2, 840, 113_549, 1, 1, 13]: "sha512WithRSAEncryption", [1, 2, 840, 113_549, 1, 1, 10]: "RSASSA-PSS",
        [1, 2, 840, 10_045, 4, 3, 2]: "ecdsa-with-SHA256", [1, 2, 840, 10_045, 4, 3, 3]: "ecdsa-with-SHA384",
        [1, 2, 840, 10_045, 4, 3, 4]: "ecdsa-with-SHA512", [1, 3, 101, 112]: "Ed25519", [1, 3, 101, 113]: "Ed448",
    ]

    /// Named curves TS 119 312 lists for EC keys: NIST P-256/384/521 and brainpool r1 curves.
    static let acceptedCurves: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 10_045, 3, 1, 7]: "P-256", [1, 3, 132, 0, 34]: "P-384", [1, 3, 132, 0, 35]: "P-521",
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]: "brainpoolP256r1", [1, 3, 36, 3, 3, 2, 8, 1, 1, 11]: "brainpoolP384r1",
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 13]: "brainpoolP512r1",
    ]

    /// EN 319 412-2 asks the algorithm and key to follow TS 119 312 with "should" (GEN-4.2.2-1,
    /// GEN-4.2.5-1); the Baseline Requirements forbid SHA-1 signatures (BR 7.1.3.2, from
    /// 2016-01-01) and RSA keys under 2048 bits (BR 6.1.5, from 2014-01-01) with "shall". A
    /// failure is major for a certificate that claims the BR by policy and was issued after the
    /// BR date, minor otherwise.
    static let sha1ForbiddenByBR = CivilDay.literal("2016-01-01")
    static let shortRSAForbiddenByBR = CivilDay.literal("2014-01-01")

    static func graded(_ finding: Finding, _ certificate: Certificate, claimsBR: Bool, brFrom: Int64, brClause: String)
        -> Finding
    {
        var finding = finding
        if claimsBR, let issued = certificate.tbs.notBefore.secondsSince1970, issued >= brFrom {
            finding.message =
                (finding.message ?? "") + "; the Baseline Requirements the certificate claims forbid it (\(brClause))"
        } else {
            finding.gradeCap = .minor
            finding.message = (finding.message ?? "") + "; EN 319 412-2 asks TS 119 312 with \"should\""
        }
        return finding
    }

    /// The signature algorithm is one TS 119 312 accepts (SHA-1 and MD5 are not), judged at issuance: SHA-1 before
    /// 2012-08-01 passes, and CERT-301 observes that it no longer would.
    static let signatureAlgorithm = CertificateRules.profiled("CERT-050") { view, _ in
        let certificate = view.certificate
        let algorithm = certificate.signatureAlgorithm.algorithm
        if let name = acceptedSignatureAlgorithms[algorithm] {
            return [.pass(observed: name, location: "signatureAlgorithm")]
        }
        if let old = signatureAcceptedOnlyAtIssuance(certificate) {
            return [
                .pass(
                    observed:
                        "\(old.name), acceptable for certificates issued before \(old.since) (TS 119 312 Annex D); issued \(certificate.tbs.notBefore.text)",
                    location: "signatureAlgorithm")
            ]
        }
        let finding = Finding.fail(
            observed: "\(algorithm)", expected: "SHA-2 based RSA, RSASSA-PSS, ECDSA or EdDSA",
            location: "signatureAlgorithm",
            message: "signature algorithm \(algorithm) is not on the ETSI TS 119 312 list (SHA-1/MD5 are broken)")
        return [
            graded(
                finding, certificate, claimsBR: view.extensions.claimsBaselineRequirements, brFrom: sha1ForbiddenByBR,
                brClause: "BR 7.1.3.2, from 2016-01-01")
        ]
    }

    /// Ed25519 and Ed448 (RFC 8410), built once: CERT-052 passes them as they are.
    private static let edwardsCurveKeys: [ASN1ObjectIdentifier] = [[1, 3, 101, 112], [1, 3, 101, 113]]

    /// RSA keys of at least 2048 bits with an odd exponent 2^16+1 ≤ e < 2^256; EC keys on a listed named curve.
    static let publicKey = CertificateRules.profiled("CERT-052") { view, _ in
        let key: SubjectPublicKey
        switch view.extensions.publicKey {
        case .failure(let error): return [.malformed(error)]
        case .success(let decoded): key = decoded
        }
        if let bits = key.rsaModulusBits {
            if shortRSAAcceptedAtIssuance(bits, view.certificate) {
                return [
                    .pass(
                        observed:
                            "\(key), acceptable for certificates issued before \(shortRSAUntilText) (TS 119 312 Annex D); issued \(view.tbs.notBefore.text)"
                    )
                ]
            }
            if bits < 2048 {
                let finding = Finding.fail(
                    observed: "\(key)", expected: "RSA ≥ 2048 bits", location: "subjectPublicKeyInfo",
                    message: "RSA key of \(bits) bits is below the 2048 bits TS 119 312 requires")
                return [
                    graded(
                        finding, view.certificate, claimsBR: view.extensions.claimsBaselineRequirements,
                        brFrom: shortRSAForbiddenByBR,
                        brClause: "BR 6.1.5, from 2014-01-01")
                ]
            }
            if let e = key.rsaExponent, e < 65_537 || e % 2 == 0 {
                // TS 119 312 6.2.2.1 asks 2^16 < e < 2^256, but EN 319 412-2 GEN-4.2.5-1 only says the
                // key should follow TS 119 312, and RFC 8017 accepts any odd e ≥ 3: minor.
                var finding = Finding.fail(
                    observed: "\(key)", expected: "odd e ≥ 65537", location: "subjectPublicKeyInfo",
                    message: "RSA public exponent \(e) is not an odd value of at least 65537 (TS 119 312 6.2.2.1)")
                if e % 2 == 1 && e >= 3 { finding.gradeCap = .minor }
                return [finding]
            }
            return [.pass(observed: "\(key)")]
        }
        if key.algorithm == SubjectPublicKey.ecPublicKey {
            guard let curve = key.curve, let name = acceptedCurves[curve] else {
                return [
                    .shouldFail(
                        observed: "\(key)", expected: "a listed named curve", location: "subjectPublicKeyInfo",
                        message:
                            "EC key is not on a named curve TS 119 312 lists; EN 319 412-2 asks TS 119 312 with \"should\""
                    )
                ]
            }
            return [.pass(observed: "EC \(name)")]
        }
        if edwardsCurveKeys.contains(key.algorithm) { return [.pass(observed: "\(key)")] }
        return [.notChecked(because: "key algorithm \(key.algorithm) is not assessed by this rule")]
    }

    /// An algorithm or key TS 119 312 accepted when the certificate was issued but no longer accepts is reported as an
    /// observation at the validation time.
    static let stillAcceptable = CertificateRules.profiled("CERT-301") { view, _ in
        guard let old = acceptedOnlyAtIssuance(view) else { return [] }
        return [
            .fail(
                observed: old, expected: "algorithms and keys TS 119 312 accepts today",
                location: "signatureAlgorithm / subjectPublicKeyInfo",
                message:
                    "acceptable when the certificate was issued, no longer acceptable today: signatures relying on it deserve scrutiny"
            )
        ]
    }
}
