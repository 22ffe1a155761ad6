import Certificates
import SwiftASN1

/// Chooses the TLS variant of the revocation profiles (`--profile auto`): a CRL or OCSP response
/// of a CA that issues TLS certificates (QWACs included) also meets the CA/B Forum TLS Baseline
/// Requirements. The CA is known only from a supplied issuer certificate (`--issuer`).
public enum RevocationProfiles {
    public static let crlTLS = "en319411-crl-tls"
    public static let ocspTLS = "en319411-ocsp-tls"

    /// The policies that mark a CA as a TLS issuer: the CA/B Forum TLS ones and the ETSI web ones.
    static let tlsPolicies: Set<ASN1ObjectIdentifier> = [
        PolicyIdentifiers.cabEV, PolicyIdentifiers.cabDV, PolicyIdentifiers.cabOV, PolicyIdentifiers.cabIV,
        PolicyIdentifiers.evcp, PolicyIdentifiers.dvcp, PolicyIdentifiers.ovcp, PolicyIdentifiers.ivcp,
        PolicyIdentifiers.qevcpW, PolicyIdentifiers.qncpW, PolicyIdentifiers.qncpWGen, PolicyIdentifiers.qcpWPSD2,
    ]

    /// Why `issuer` is a TLS issuer, or nil.
    static func tlsEvidence(_ issuer: IssuerStore.Issuer) -> String? {
        if issuer.extensions.ekus?.contains(ExtendedKeyUsage.serverAuth) == true {
            return "extendedKeyUsage serverAuth"
        }
        if let policy = issuer.extensions.policies.first(where: tlsPolicies.contains) {
            return "certificate policy \(policy)"
        }
        return nil
    }

    public static func tlsProfile(for crl: InspectedCRL) -> (name: String, reason: String)? {
        guard let issuer = crl.issuerCandidates.first, let evidence = tlsEvidence(issuer) else { return nil }
        return (crlTLS, "a CRL of a TLS issuer (the supplied issuer certificate has \(evidence))")
    }

    public static func tlsProfile(for response: InspectedOCSPResponse) -> (name: String, reason: String)? {
        guard let basic = response.basic, let id = basic.responses.first?.certID, let issuers = response.inputs.issuers,
            let algorithm = try? ASN1ObjectIdentifier(dotRepresentation: ObjectIdentifierText.dotted(id.hashAlgorithm))
        else { return nil }
        for issuer in issuers.all {
            guard let bits = issuer.certificate.subjectPublicKeyBits,
                MessageDigest.digest(algorithm, bits)?.elementsEqual(id.issuerKeyHash) == true,
                let evidence = tlsEvidence(issuer)
            else { continue }
            return (ocspTLS, "an OCSP response of a TLS issuer (the supplied CA certificate has \(evidence))")
        }
        return nil
    }
}
