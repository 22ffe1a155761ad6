import Certificates
import SwiftASN1

/// Who may sign an OCSP response about a certificate (RFC 6960 §4.2.2.2): the CA that issued
/// it, or a responder that CA delegated with a certificate it issued carrying id-kp-OCSPSigning.
enum OCSPDelegation {
    enum Judgement {
        case ca
        /// A responder with id-kp-OCSPSigning whose certificate names the CA as issuer;
        /// `verified` when its signature was checked with the CA's key.
        case delegated(verified: Bool, String)
        case unverifiable(String)
        case refused(observed: String, message: String)
    }

    static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]

    static func judge(
        _ certID: CertID, signer: Certificate, extensions: DecodedExtensions?, basic: BasicOCSPResponse, issuers: IssuerStore?
    ) -> Judgement {
        guard let algorithm = try? ASN1ObjectIdentifier(dotRepresentation: ObjectIdentifierText.dotted(certID.hashAlgorithm)),
            MessageDigest.length(algorithm) != nil
        else { return .unverifiable("the CertID hash algorithm is unknown, so the issuing CA cannot be identified") }
        func keyHash(_ certificate: Certificate) -> [UInt8]? { certificate.subjectPublicKeyBits.flatMap { MessageDigest.digest(algorithm, $0) } }
        if keyHash(signer)?.elementsEqual(certID.issuerKeyHash) == true { return .ca }
        guard extensions?.ekus?.contains(ocspSigning) == true else {
            return .refused(observed: "responder certificate without id-kp-OCSPSigning",
                            message: "a responder other than the CA is authorised only by a certificate with id-kp-OCSPSigning in extendedKeyUsage")
        }
        guard MessageDigest.digest(algorithm, signer.tbs.issuer.encoded)?.elementsEqual(certID.issuerNameHash) == true else {
            return .refused(observed: "the responder certificate's issuer is not the CA named in CertID",
                            message: "a delegated responder's certificate is issued directly by the CA that issued the certificate in question")
        }
        let known = (issuers?.all.map(\.certificate) ?? []) + basic.certificates.compactMap { InspectedCertificate(bytes: $0).certificate }
        guard let ca = known.first(where: { keyHash($0)?.elementsEqual(certID.issuerKeyHash) == true }),
            let key = IssuerKey(subjectPublicKeyInfo: ca.tbs.subjectPublicKeyInfo)
        else {
            return .delegated(verified: false, "the responder certificate names the CA as issuer, but its signature by the CA was not "
                + "verified: the CA certificate is neither in the response nor supplied (--issuer)")
        }
        switch SignatureVerification.verify(certificate: signer.encoded, issuerKey: key) {
        case .valid: return .delegated(verified: true, "its certificate verifies with the CA's key")
        case .invalid(let reason):
            return .refused(observed: "responder certificate not signed by the CA's key: \(reason)",
                            message: "a delegated responder's certificate is issued directly by the CA that issued the certificate in question")
        case .unusable(let reason): return .unverifiable(reason)
        }
    }
}
