import Certificates
import DERWalk
import Digests
import SwiftASN1

/// An OCSP response item as the rules see it: the DER scan, the outer response, the basic
/// response when there is one, the certificate that signed it and the auditor's inputs.
public struct InspectedOCSPResponse: Sendable {
    /// The certificate whose key signed the response, and where it came from.
    public struct Signer: Sendable {
        public let certificate: Certificate
        public let extensions: DecodedExtensions?
        /// `response` (its certs field) or `supplied` (`--issuer`).
        public let origin: String
        /// The certificate's public key as OpenSSL holds it; nil when OpenSSL cannot use it.
        public let key: IssuerKey?
    }

    public let bytes: [UInt8]
    public let derScan: DERScan
    public let response: Result<OCSPResponse, RevocationError>
    /// The basic response, nil when there is none or it cannot be read (see ``problem``).
    public let basic: BasicOCSPResponse?
    /// Why ``basic`` is nil: no responseBytes, another responseType, or a decoding error.
    public let problem: String?
    /// The certificate matching the responderID, from the response or the supplied issuers.
    public let signer: Signer?
    public let inputs: RevocationInputs
    /// Who signed each SingleResponse (RFC 6960 §4.2.2.2), parallel to `basic.responses`;
    /// empty when there is no signer.
    let delegations: [OCSPDelegation.Judgement]

    public init(bytes: [UInt8], inputs: RevocationInputs = RevocationInputs()) {
        self.bytes = bytes
        self.inputs = inputs
        derScan = DERScanner.scan(bytes)
        let reader = TLVReader(bytes)
        var basic: BasicOCSPResponse?
        var problem: String?
        do throws(RevocationError) {
            let response = try OCSPResponse(bytes, reader)
            self.response = .success(response)
            if let type = response.responseType, let octets = response.response {
                if type.elementsEqual(RevocationOID.ocspBasic) {
                    do throws(RevocationError) {
                        guard let element = reader.element(at: octets.contentStart, limit: octets.end),
                            element.end == octets.end
                        else {
                            throw RevocationError(
                                "the response OCTET STRING does not hold one BasicOCSPResponse",
                                at: "byte \(octets.start)")
                        }
                        basic = try BasicOCSPResponse(element, reader)
                    } catch {
                        problem = "\(error)"
                    }
                } else {
                    problem = "responseType \(ObjectIdentifierText.dotted(type)) is not id-pkix-ocsp-basic"
                }
            } else {
                problem = "no responseBytes (responseStatus \(response.status.map(String.init) ?? "?"))"
            }
        } catch {
            response = .failure(error)
            problem = "\(error)"
        }
        self.basic = basic
        self.problem = problem
        let responseCertificates = basic?.certificates.map { InspectedCertificate(bytes: $0) } ?? []
        let signer = basic.flatMap { Self.findSigner($0, responseCertificates, inputs) }
        self.signer = signer
        delegations =
            basic.map {
                OCSPDelegation.judgements(
                    $0, signer: signer, responseCertificates: responseCertificates.compactMap(\.certificate),
                    inputs: inputs)
            } ?? []
    }

    /// The certificate the responderID names: byName by subject, byKey by the SHA-1 of its key;
    /// first among the response's certificates, then among the supplied issuers.
    static func findSigner(
        _ basic: BasicOCSPResponse, _ responseCertificates: [InspectedCertificate], _ inputs: RevocationInputs
    ) -> Signer? {
        for inspected in responseCertificates {
            guard let certificate = inspected.certificate, Self.responderID(basic.responderID, names: certificate)
            else { continue }
            return Signer(
                certificate: certificate, extensions: inspected.extensions, origin: "response",
                key: inputs.cache.key(certificate.tbs.subjectPublicKeyInfo))
        }
        for issuer in inputs.issuers?.all ?? [] where Self.responderID(basic.responderID, names: issuer.certificate) {
            // Decoded once for the run by the IssuerStore, not again per response.
            return Signer(
                certificate: issuer.certificate, extensions: issuer.extensions, origin: "supplied", key: issuer.key)
        }
        return nil
    }

    static func responderID(_ id: BasicOCSPResponse.ResponderID, names certificate: Certificate) -> Bool {
        switch id {
        case .name(let name): return certificate.tbs.subject.encoded.elementsEqual(name)
        case .key(let hash):
            return certificate.subjectPublicKeyBits.map { SHA1.digest($0).elementsEqual(hash) } ?? false
        }
    }

    /// The algorithm OID of the signatureAlgorithm, when readable.
    public var signatureAlgorithm: ASN1ObjectIdentifier? {
        guard let basic,
            let oid = basic.reader.element(
                at: basic.signatureAlgorithm.contentStart, limit: basic.signatureAlgorithm.end),
            oid.tag == 0x06
        else { return nil }
        return try? ASN1ObjectIdentifier(derEncoded: basic.reader.encoded(oid))
    }
}
