import Certificates

/// One OCSP response given as a status source (`--ocsp`), with whether it is authoritative:
/// its signature verified and its signer the CA or a responder the CA delegated.
public struct IndexedOCSPResponse: Sendable {
    public let source: String
    public let response: InspectedOCSPResponse
    public let basic: BasicOCSPResponse
    /// nil when authoritative; otherwise why the response cannot be relied on.
    public let distrust: String?

    init(source: String, response: InspectedOCSPResponse, basic: BasicOCSPResponse) {
        self.source = source
        self.response = response
        self.basic = basic
        distrust = Self.distrust(response, basic)
    }

    static func distrust(_ response: InspectedOCSPResponse, _ basic: BasicOCSPResponse) -> String? {
        guard let signer = response.signer else {
            return "its signing certificate is neither in the response nor supplied (--issuer)"
        }
        guard let algorithm = response.signatureAlgorithm, let key = signer.key else {
            return "its signature algorithm or the responder's key cannot be used"
        }
        guard
            case .valid = SignatureVerification.verify(
                signature: basic.signatureValue, over: basic.reader.encoded(basic.tbsResponseData), key: key,
                signatureAlgorithm: algorithm)
        else { return "its signature does not verify" }
        for judgement in response.delegations {
            switch judgement {
            case .ca: continue
            case .delegated(verified: true, _): continue
            case .delegated(verified: false, _):
                return
                    "the delegated responder's certificate could not be verified with the CA's key (give the CA with --issuer)"
            case .unverifiable(let reason): return reason
            case .refused(let observed, _): return observed
            }
        }
        return nil
    }
}
