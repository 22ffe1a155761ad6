import Certificates
import SwiftASN1

/// Who may sign an OCSP response about a certificate (RFC 6960 §4.2.2.2): the CA that issued
/// it, or a responder that CA delegated with a certificate it issued carrying id-kp-OCSPSigning.
enum OCSPDelegation {
    enum Judgement: Sendable {
        case ca
        /// A responder with id-kp-OCSPSigning whose certificate names the CA as issuer;
        /// `verified` when its signature was checked with the CA's key.
        case delegated(verified: Bool, String)
        case unverifiable(String)
        case refused(observed: String, message: String)
    }

    static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]

    /// The judgement of each SingleResponse's signer, computed once per distinct issuer in the
    /// CertIDs (a response about many certificates of one CA verifies the delegation once).
    static func judgements(
        _ basic: BasicOCSPResponse, signer: InspectedOCSPResponse.Signer?, responseCertificates: [Certificate],
        inputs: RevocationInputs
    ) -> [Judgement] {
        guard let signer else { return [] }
        var byIssuer: [[UInt8]: Judgement] = [:]
        return basic.responses.map { single in
            let issuer =
                Array(single.certID.hashAlgorithm) + [0] + Array(single.certID.issuerNameHash) + [0]
                + Array(single.certID.issuerKeyHash)
            if let known = byIssuer[issuer] { return known }
            let judgement = judge(
                single.certID, signer: signer.certificate, extensions: signer.extensions,
                responseCertificates: responseCertificates, inputs: inputs)
            byIssuer[issuer] = judgement
            return judgement
        }
    }

    static func judge(
        _ certID: CertID, signer: Certificate, extensions: DecodedExtensions?, responseCertificates: [Certificate],
        inputs: RevocationInputs
    ) -> Judgement {
        guard
            let algorithm = try? ASN1ObjectIdentifier(
                dotRepresentation: ObjectIdentifierText.dotted(certID.hashAlgorithm)),
            MessageDigest.length(algorithm) != nil
        else { return .unverifiable("the CertID hash algorithm is unknown, so the issuing CA cannot be identified") }
        func isCA(_ certificate: Certificate) -> Bool {
            certificate.subjectPublicKeyBits.flatMap { MessageDigest.digest(algorithm, $0) }?.elementsEqual(
                certID.issuerKeyHash) == true
        }
        if isCA(signer) { return .ca }
        guard extensions?.ekus?.contains(ocspSigning) == true else {
            return .refused(
                observed: "responder certificate without id-kp-OCSPSigning",
                message:
                    "a responder other than the CA is authorised only by a certificate with id-kp-OCSPSigning in extendedKeyUsage"
            )
        }
        guard MessageDigest.digest(algorithm, signer.tbs.issuer.encoded)?.elementsEqual(certID.issuerNameHash) == true
        else {
            return .refused(
                observed: "the responder certificate's issuer is not the CA named in CertID",
                message:
                    "a delegated responder's certificate is issued directly by the CA that issued the certificate in question"
            )
        }
        // Supplied or carried in the response, the CA's key is decoded and the responder
        // certificate verified once per run (the cache), not once per response.
        let ca =
            inputs.issuers?.candidates(issuerName: signer.tbs.issuer.encoded, authorityKeyIdentifier: nil).map(
                \.certificate
            ).first(where: isCA)
            ?? responseCertificates.first(where: isCA)
        guard let ca else {
            return .delegated(
                verified: false,
                "the responder certificate names the CA as issuer, but its signature by the CA was not "
                    + "verified: the CA certificate is neither in the response nor supplied (--issuer)")
        }
        switch inputs.cache.verify(certificate: signer.encoded, issuerSubjectPublicKeyInfo: ca.tbs.subjectPublicKeyInfo)
        {
        case .valid: return .delegated(verified: true, "its certificate verifies with the CA's key")
        case .invalid(let reason):
            return .refused(
                observed: "responder certificate not signed by the CA's key: \(reason)",
                message:
                    "a delegated responder's certificate is issued directly by the CA that issued the certificate in question"
            )
        case .unusable(let reason): return .unverifiable(reason)
        }
    }
}
