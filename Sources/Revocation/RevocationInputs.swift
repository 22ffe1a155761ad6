import Certificates

/// What the auditor supplied for revocation artefacts: issuer certificates to authenticate them
/// (`--issuer`), the CRLs and OCSP responses that give certificates their status (`--crl`,
/// `--ocsp`), and the OCSP request a response answers (`--ocsp-request`).
public struct RevocationInputs: Sendable {
    public var issuers: IssuerStore?
    public var sources: RevocationSources?
    public var ocspRequest: OCSPRequest?
    /// Responder keys and responder-certificate verifications shared by the items of a run: a
    /// responder signs every response about its CA's certificates.
    public var cache = VerificationCache()

    public init(issuers: IssuerStore? = nil, sources: RevocationSources? = nil, ocspRequest: OCSPRequest? = nil) {
        self.issuers = issuers
        self.sources = sources
        self.ocspRequest = ocspRequest
    }
}
