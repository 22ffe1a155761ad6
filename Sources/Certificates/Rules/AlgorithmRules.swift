import AuditCore
import SwiftASN1

/// Algorithms and keys (EN 319 412-2 GEN-4.2.2-1 / GEN-4.2.5-1 with ETSI TS 119 312).
enum AlgorithmRules {
    static let all: [Rule<InspectedCertificate>] = [signatureAlgorithm, publicKey]

    static let acceptedSignatureAlgorithms: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 113_549, 1, 1, 11]: "sha256WithRSAEncryption", [1, 2, 840, 113_549, 1, 1, 12]: "sha384WithRSAEncryption",
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

    /// CERT-050: the signature algorithm is one TS 119 312 accepts (SHA-1 and MD5 are not).
    static let signatureAlgorithm = CertificateRules.decoded("CERT-050") { certificate in
        let algorithm = certificate.signatureAlgorithm.algorithm
        if let name = acceptedSignatureAlgorithms[algorithm] {
            return [.pass("CERT-050", observed: name, location: "signatureAlgorithm")]
        }
        return [.fail("CERT-050", observed: "\(algorithm)", expected: "SHA-2 based RSA, RSASSA-PSS, ECDSA or EdDSA",
                      location: "signatureAlgorithm",
                      message: "signature algorithm \(algorithm) is not on the ETSI TS 119 312 list (SHA-1/MD5 are broken)")]
    }

    /// CERT-052: RSA keys of at least 2048 bits with an odd exponent 2^16+1 ≤ e < 2^256; EC keys on
    /// a listed named curve.
    static let publicKey = CertificateRules.profiled("CERT-052") { view, _ in
        let key: SubjectPublicKey
        switch view.extensions.publicKey {
        case .failure(let error): return [.malformed("CERT-052", error)]
        case .success(let decoded): key = decoded
        }
        if let bits = key.rsaModulusBits {
            if bits < 2048 {
                return [.fail("CERT-052", observed: "\(key)", expected: "RSA ≥ 2048 bits", location: "subjectPublicKeyInfo",
                              message: "RSA key of \(bits) bits is below the 2048 bits TS 119 312 requires")]
            }
            if let e = key.rsaExponent, e < 65_537 || e % 2 == 0 {
                return [.fail("CERT-052", observed: "\(key)", expected: "odd e ≥ 65537", location: "subjectPublicKeyInfo",
                              message: "RSA public exponent \(e) is not an odd value of at least 65537")]
            }
            return [.pass("CERT-052", observed: "\(key)")]
        }
        if key.algorithm == SubjectPublicKey.ecPublicKey {
            guard let curve = key.curve, let name = acceptedCurves[curve] else {
                return [.fail("CERT-052", observed: "\(key)", expected: "a listed named curve", location: "subjectPublicKeyInfo",
                              message: "EC key is not on a named curve TS 119 312 lists")]
            }
            return [.pass("CERT-052", observed: "EC \(name)")]
        }
        if [[1, 3, 101, 112], [1, 3, 101, 113]].contains(key.algorithm) { return [.pass("CERT-052", observed: "\(key)")] }
        return [.notChecked("CERT-052", because: "key algorithm \(key.algorithm) is not assessed by this rule")]
    }
}
