import AuditCore
import SwiftASN1

/// The subject key and what keyUsage may say of it: CERT-014 (bits the key type allows),
/// CERT-324 (keyUsage critical) and CERT-325 (the key's algorithm parameters).
enum RFC5280KeyRules {
    static let all: [Rule<InspectedCertificate>] = [usageFitsKey, keyUsageCritical, keyParameters]

    typealias Bit = KeyUsage.Bit

    /// RFC 8813 (2020-08) added to RFC 5480 that EC keys assert neither keyEncipherment nor dataEncipherment.
    static let rfc8813Published = CivilDay.literal("2020-08-01")

    /// The key usages a key algorithm can serve, with the RFC that says so.
    struct KeyUsageLimits: Sendable {
        var name: String
        var allowed: Set<Bit>
        var source: String
    }

    static let limits: [ASN1ObjectIdentifier: KeyUsageLimits] = [
        SubjectPublicKey.rsaEncryption: .init(
            name: "RSA",
            allowed: [.digitalSignature, .nonRepudiation, .keyEncipherment, .dataEncipherment, .keyCertSign, .cRLSign],
            source: "RFC 3279 2.3.1"),
        [1, 2, 840, 113_549, 1, 1, 10]: .init(
            name: "RSASSA-PSS", allowed: [.digitalSignature, .nonRepudiation, .keyCertSign, .cRLSign],
            source: "RFC 4055 1.2"),
        [1, 2, 840, 113_549, 1, 1, 7]: .init(
            name: "RSAES-OAEP", allowed: [.keyEncipherment, .dataEncipherment], source: "RFC 4055 1.2"),
        SubjectPublicKey.ecPublicKey: .init(
            name: "EC",
            allowed: [
                .digitalSignature, .nonRepudiation, .keyAgreement, .keyCertSign, .cRLSign, .encipherOnly, .decipherOnly,
            ],
            source: "RFC 5480 3 as updated by RFC 8813"),
        [1, 2, 840, 10040, 4, 1]: .init(
            name: "DSA", allowed: [.digitalSignature, .nonRepudiation, .keyCertSign, .cRLSign], source: "RFC 3279 2.3.2"
        ),
        [1, 3, 101, 112]: .init(
            name: "Ed25519", allowed: [.digitalSignature, .nonRepudiation, .keyCertSign, .cRLSign], source: "RFC 8410 5"
        ),
        [1, 3, 101, 113]: .init(
            name: "Ed448", allowed: [.digitalSignature, .nonRepudiation, .keyCertSign, .cRLSign], source: "RFC 8410 5"),
        [1, 3, 101, 110]: .init(
            name: "X25519", allowed: [.keyAgreement, .encipherOnly, .decipherOnly], source: "RFC 8410 5"),
        [1, 3, 101, 111]: .init(
            name: "X448", allowed: [.keyAgreement, .encipherOnly, .decipherOnly], source: "RFC 8410 5"),
    ]

    /// keyUsage asserts only what the subject key can do (no keyEncipherment for an EC key, no keyAgreement for an RSA
    /// key).
    static let usageFitsKey = CertificateRules.profiled("CERT-014") { view, _ in
        guard let usage = view.extensions.usage else {
            return [.notApplicable(because: "no readable keyUsage extension")]
        }
        guard case .success(let key) = view.extensions.publicKey, let limit = limits[key.algorithm] else {
            return [.notChecked(because: "the key algorithm is not one whose key usages this rule knows")]
        }
        let extra = usage.bits.subtracting(limit.allowed)
        if key.algorithm == SubjectPublicKey.ecPublicKey, !extra.isEmpty,
            extra.isSubset(of: [.keyEncipherment, .dataEncipherment]),
            let issued = view.tbs.notBefore.secondsSince1970, issued < rfc8813Published
        {
            var finding = Finding.fail(
                observed: "EC key with keyUsage \(usage), issued \(view.tbs.notBefore.text)", location: "keyUsage",
                message:
                    "an EC key cannot encipher keys or data; RFC 8813 (2020-08) forbade the bits after this certificate was issued"
            )
            finding.gradeCap = .observation
            return [finding]
        }
        guard extra.isEmpty else {
            let names = Bit.allCases.filter(extra.contains).map(\.name).joined(separator: ", ")
            return [
                .fail(
                    observed: "\(limit.name) key with keyUsage \(usage)", expected: "only bits \(limit.source) allows",
                    location: "keyUsage",
                    message: "keyUsage asserts \(names), which a \(limit.name) key cannot serve (\(limit.source))")
            ]
        }
        return [.pass(observed: "\(limit.name) key, keyUsage \(usage)")]
    }

    /// keyUsage, when present, should be critical. CA certificates are CERT-211's.
    static let keyUsageCritical = CertificateRules.profiled("CERT-324") { view, context in
        guard let ext = view.tbs.extension(.CertificateExtension.keyUsage) else {
            return [.notApplicable(because: "no keyUsage extension")]
        }
        if view.extensions.isCA || context.subjectKind == "ca" {
            return [.notApplicable(because: "CA certificate: reported under CERT-211")]
        }
        return ext.critical
            ? [.pass(observed: "keyUsage critical")]
            : [
                .shouldFail(
                    observed: "keyUsage not critical", expected: "critical", location: "keyUsage",
                    message: "RFC 5280 says keyUsage should be marked critical")
            ]
    }

    /// The AlgorithmIdentifier of the subject key carries the parameters its RFC fixes: NULL for rsaEncryption (RFC
    /// 3279 §2.3.1), a named curve for id-ecPublicKey (RFC 5480 §2.1.1), none for Ed25519/Ed448/X25519/X448 (RFC 8410
    /// §3).
    static let keyParameters = CertificateRules.profiled("CERT-325") { view, _ in
        guard case .success(let key) = view.extensions.publicKey else {
            return [.notChecked(because: "the subjectPublicKeyInfo cannot be read")]
        }
        let encoded = key.parameters.map { hexString($0.prefix(16)) } ?? "absent"
        let problem: String?
        switch key.algorithm {
        case SubjectPublicKey.rsaEncryption:
            problem =
                key.parameters?.elementsEqual([0x05, 0x00]) == true
                ? nil : "rsaEncryption requires NULL parameters (RFC 3279 2.3.1)"
        case SubjectPublicKey.ecPublicKey:
            problem =
                key.curve != nil
                ? nil
                : "id-ecPublicKey requires a namedCurve OID (RFC 5480 2.1.1: implicit and specified curves are not allowed)"
        case [1, 3, 101, 110], [1, 3, 101, 111], [1, 3, 101, 112], [1, 3, 101, 113]:
            problem = key.parameters == nil ? nil : "\(key.algorithm) requires the parameters to be absent (RFC 8410 3)"
        default:
            return [.notChecked(because: "key algorithm \(key.algorithm) is not assessed by this rule")]
        }
        guard let problem else { return [.pass(observed: "\(key), parameters \(encoded)")] }
        return [
            .fail(
                observed: "\(key.algorithm) parameters \(encoded)", location: "subjectPublicKeyInfo.algorithm",
                message: problem)
        ]
    }
}
