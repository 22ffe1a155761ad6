import AuditCore
import SwiftASN1

/// Extension rules of EN 319 412-2 §4.3–4.4 that the natural-, legal-person and web profiles
/// share: key usage types (Table 1), policies, criticality, revocation and AIA pointers.
enum ProfileExtensionRules {
    static let all: [Rule<InspectedCertificate>] = [
        keyUsageTable, contentCommitmentKeyUsage, policiesPresent,
        alternativeNamesNotCritical, extendedKeyUsageNotCritical,
        crlDistributionPoints, authorityInformationAccess, noPathConstraints,
    ]

    /// The key usage types of EN 319 412-2 Table 1, by the set of bits that makes them.
    enum KeyUsageType: String {
        case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

        init?(_ usage: KeyUsage) {
            let bits = usage.bits
            let encipher = bits.intersection([.keyEncipherment, .keyAgreement])
            guard encipher.count <= 1,
                bits.subtracting([.digitalSignature, .nonRepudiation, .keyEncipherment, .keyAgreement]).isEmpty
            else { return nil }
            switch (bits.contains(.nonRepudiation), bits.contains(.digitalSignature), !encipher.isEmpty) {
            case (true, false, false): self = .a
            case (true, true, false): self = .b
            case (false, true, false): self = .c
            case (false, true, true): self = .d
            case (false, false, true): self = .e
            case (true, true, true): self = .f
            default: return nil
            }
        }
    }

    /// keyUsage present and one of the Table 1 types.
    static let keyUsageTable = CertificateRules.profiled("CERT-059") { view, _ in
        switch view.extensions.keyUsage {
        case nil:
            return [.fail(observed: "absent", location: "extensions", message: "keyUsage is missing")]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let usage)?:
            guard let type = KeyUsageType(usage) else {
                return [
                    .fail(
                        observed: "\(usage)", expected: "one of the types A–F of EN 319 412-2 Table 1",
                        location: "keyUsage", message: "the keyUsage combination is not a type of EN 319 412-2 Table 1")
                ]
            }
            return [.pass(observed: "type \(type.rawValue): \(usage)", location: "keyUsage")]
        }
    }

    /// Certificates that validate content commitments (electronic signatures) or evidence of origin (seals) use type A,
    /// B or F (shall), and type A should be used. Only a certificate that says it is one — nonRepudiation, QcType esign
    /// or eseal, a QCP-n or QCP-l policy, or a profile for them — is held to it: an NCP, NCP+ or LCP certificate may be
    /// for authentication (type C) or encipherment.
    static let contentCommitmentKeyUsage = CertificateRules.profiled("CERT-060") { view, context in
        guard let usage = view.extensions.usage, let type = KeyUsageType(usage) else {
            return [.notApplicable(because: "keyUsage is absent or outside Table 1 (see CERT-059)")]
        }
        // nonRepudiation itself says the key validates content commitments.
        guard usage.contains(.nonRepudiation) || claimsSignaturesOrSeals(view, context) else {
            return [
                .notApplicable(
                    because:
                        "nothing says the certificate is for electronic signatures or seals (no nonRepudiation, no QcType esign/eseal, no QCP-n/QCP-l policy)"
                )
            ]
        }
        switch type {
        case .a: return [.pass(observed: "type A")]
        case .b, .f:
            return [
                .shouldFail(
                    observed: "type \(type.rawValue): \(usage)", expected: "type A (nonRepudiation only)",
                    location: "keyUsage",
                    message: "content-commitment certificates should use key usage type A (nonRepudiation only)")
            ]
        default:
            return [
                .fail(
                    observed: "type \(type.rawValue): \(usage)", expected: "type A, B or F (with nonRepudiation)",
                    location: "keyUsage",
                    message:
                        "a certificate for electronic signatures or seals must have nonRepudiation (type A, B or F)")
            ]
        }
    }

    /// certificatePolicies with at least one policy.
    static let policiesPresent = CertificateRules.profiled("CERT-061") { view, _ in
        switch view.extensions.certificatePolicies {
        case nil:
            return [
                .fail(
                    observed: "absent", location: "extensions",
                    message: "certificatePolicies is missing; it must name the policy the certificate was issued under")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let policies)? where policies.policies.isEmpty:
            return [
                .fail(
                    observed: "empty", location: "certificatePolicies", message: "certificatePolicies names no policy")
            ]
        case .success(let policies)?:
            return [.pass(observed: policies.policies.map(PolicyIdentifiers.name).joined(separator: ", "))]
        }
    }

    /// subjectAltName and issuerAltName not critical.
    static let alternativeNamesNotCritical = CertificateRules.decoded("CERT-062") { certificate in
        let ids = ASN1ObjectIdentifier.CertificateExtension.self
        return [(ids.subjectAltName, "subjectAltName"), (ids.issuerAltName, "issuerAltName")].compactMap { oid, name in
            guard certificate.tbs.extension(oid)?.critical == true else { return nil }
            return .fail(observed: "\(name) critical", location: name, message: "\(name) must not be critical")
        }
    }

    /// extKeyUsage, if present, not critical (natural/legal persons).
    static let extendedKeyUsageNotCritical = CertificateRules.decoded("CERT-063") { certificate in
        guard certificate.tbs.extension(.CertificateExtension.extendedKeyUsage)?.critical == true else { return [] }
        return [
            .fail(
                observed: "extKeyUsage critical", location: "extKeyUsage",
                message: "extKeyUsage must not be critical in this certificate type")
        ]
    }

    /// Path constraints belong to CA certificates: an end-entity certificate carries neither.
    static let noPathConstraints = CertificateRules.decoded("CERT-327") { certificate in
        let ids = ASN1ObjectIdentifier.CertificateExtension.self
        return [(ids.policyConstraints, "policyConstraints"), (ids.inhibitAnyPolicy, "inhibitAnyPolicy")].compactMap {
            oid, name in
            guard certificate.tbs.extension(oid) != nil else { return nil }
            return .fail(
                observed: "\(name) present", location: name,
                message:
                    "\(name) constrains certification paths below a CA; an end-entity certificate does not carry it")
        }
    }

    static func hasOCSP(_ view: CertificateView) -> Bool {
        ((try? view.extensions.authorityInformationAccess?.get())?.ocsp ?? []).contains { $0.uri != nil }
    }

    /// The URI's scheme in lower case ("" without a colon); ASCII only, as RFC 3986 §3.1 defines it.
    /// Whether `uri`'s scheme is one of `schemes` (lower case), as ``scheme(_:)`` reads it,
    /// without building the scheme's text for the usual URI.
    static func hasScheme(_ uri: String, _ schemes: [String]) -> Bool {
        var uri = uri
        return uri.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: 0x3A) else {
                return schemes.contains(scheme(String(decoding: bytes, as: UTF8.self)))
            }
            return schemes.contains { candidate in
                candidate.utf8.count == colon
                    && zip(candidate.utf8, bytes[..<colon]).allSatisfy {
                        $0 == ((0x41...0x5A).contains($1) ? $1 | 0x20 : $1)
                    }
            }
        }
    }

    private static let httpOrLDAP = ["http", "ldap"]
    private static let httpOrHTTPS = ["http", "https"]

    static func scheme(_ uri: String) -> String {
        let bytes = uri.utf8
        guard let colon = bytes.firstIndex(of: 0x3A) else { return uri.isEmpty ? "" : uri.lowercased() }
        return String(decoding: bytes[..<colon].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// CRL distribution points (http/ldap, not critical), required when no OCSP responder is given.
    static let crlDistributionPoints = CertificateRules.profiled("CERT-064") { view, _ in
        let ext = view.tbs.extension(.CertificateExtension.crlDistributionPoints)
        switch view.extensions.crlDistributionPoints {
        case nil:
            return hasOCSP(view)
                ? []
                : [
                    .fail(
                        observed: "no cRLDistributionPoints and no OCSP URL", location: "extensions",
                        message: "without an OCSP responder in AIA, cRLDistributionPoints must be present")
                ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let points)?:
            var findings: [Finding] = []
            let uris = points.names.compactMap(\.uri)
            if !uris.contains(where: { hasScheme($0, httpOrLDAP) }) {
                findings.append(
                    .fail(
                        observed: uris.joined(separator: ", "), expected: "an http:// or ldap:// URI",
                        location: "cRLDistributionPoints", message: "no CRL distribution point has an http or ldap URI")
                )
            }
            if ext?.critical == true {
                findings.append(
                    .fail(
                        observed: "critical", location: "cRLDistributionPoints",
                        message: "cRLDistributionPoints must not be critical"))
            }
            return findings
        }
    }

    /// authorityInfoAccess with caIssuers (http/https); OCSP URLs http(s); OCSP required when there is no CRL
    /// distribution point.
    static let authorityInformationAccess = CertificateRules.profiled("CERT-065") { view, _ in
        let hasCRL = view.extensions.crlDistributionPoints != nil
        switch view.extensions.authorityInformationAccess {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "authorityInfoAccess with caIssuers", location: "extensions",
                    message: "authorityInfoAccess is missing")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let aia)?:
            var findings: [Finding] = []
            let issuers = aia.caIssuers.compactMap(\.uri)
            if !issuers.contains(where: { hasScheme($0, httpOrHTTPS) }) {
                findings.append(
                    .fail(
                        observed: issuers.isEmpty ? "no caIssuers" : issuers.joined(separator: ", "),
                        expected: "caIssuers with an http(s) URI", location: "authorityInfoAccess",
                        message:
                            "authorityInfoAccess must point to the issuing CA certificate (caIssuers, http or https)"))
            }
            let ocsp = aia.ocsp.compactMap(\.uri)
            if let bad = ocsp.first(where: { !hasScheme($0, httpOrHTTPS) }) {
                findings.append(
                    .fail(
                        observed: bad, location: "authorityInfoAccess.ocsp",
                        message: "the OCSP responder URL must be http or https"))
            }
            if ocsp.isEmpty && !hasCRL {
                findings.append(
                    .fail(
                        observed: "no OCSP URL and no CRL distribution point",
                        location: "authorityInfoAccess",
                        message: "without cRLDistributionPoints, an OCSP responder must be given"))
            }
            return findings
        }
    }

    /// Whether the certificate or its profile says it validates electronic signatures or seals.
    static func claimsSignaturesOrSeals(_ view: CertificateView, _ context: EvaluationContext) -> Bool {
        if context.expectedQcType == "esign" || context.expectedQcType == "eseal" { return true }
        let types = view.statements?.qcTypes ?? []
        if types.contains(QCStatements.QcType.esign) || types.contains(QCStatements.QcType.eseal) { return true }
        let ids = PolicyIdentifiers.self
        return !Set(view.extensions.policies).isDisjoint(with: [ids.qcpN, ids.qcpNQSCD, ids.qcpL, ids.qcpLQSCD])
    }
}
