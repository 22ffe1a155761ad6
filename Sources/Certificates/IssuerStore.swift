/// Issuer certificates supplied for chain checks (`--issuer`), looked up by subject name.
public struct IssuerStore: Sendable {
    /// One supplied issuer: its decoded certificate and its key as OpenSSL holds it.
    public struct Issuer: Sendable {
        public let certificate: Certificate
        public let extensions: DecodedExtensions
        /// nil when OpenSSL cannot use the key (the signature is then not checked).
        public let key: IssuerKey?
    }

    private var bySubject: [[UInt8]: [Issuer]]
    public private(set) var count: Int

    /// Builds the store from certificates' bytes; items that do not decode are skipped and
    /// returned as `rejected` (index in `certificates`, reason).
    public init(certificates: [[UInt8]]) {
        var bySubject: [[UInt8]: [Issuer]] = [:]
        var count = 0
        for bytes in certificates {
            let inspected = InspectedCertificate(bytes: bytes)
            guard let certificate = inspected.certificate, let extensions = inspected.extensions else { continue }
            let issuer = Issuer(
                certificate: certificate, extensions: extensions,
                key: IssuerKey(subjectPublicKeyInfo: certificate.tbs.subjectPublicKeyInfo))
            bySubject[Array(certificate.tbs.subject.encoded), default: []].append(issuer)
            count += 1
        }
        self.bySubject = bySubject
        self.count = count
    }

    /// Every supplied issuer (OCSP responders are found by key hash, not by name).
    public var all: [Issuer] { bySubject.values.flatMap { $0 } }

    /// This store with more issuer certificates (a CT entry's chain beside `--issuer`).
    public func adding(_ certificates: [[UInt8]]) -> IssuerStore {
        var combined = IssuerStore(certificates: certificates)
        for (subject, issuers) in bySubject { combined.bySubject[subject, default: []].append(contentsOf: issuers) }
        combined.count += count
        return combined
    }

    /// The supplied issuers whose subject equals `certificate`'s issuer name, preferring the one
    /// whose subjectKeyIdentifier equals the certificate's authorityKeyIdentifier.
    public func candidates(for certificate: Certificate, authorityKeyIdentifier: [UInt8]?) -> [Issuer] {
        candidates(issuerName: certificate.tbs.issuer.encoded, authorityKeyIdentifier: authorityKeyIdentifier)
    }

    /// The supplied issuers whose subject is the encoded name `issuerName` (a CRL's or an OCSP
    /// responder's), preferring the one whose subjectKeyIdentifier equals `authorityKeyIdentifier`.
    public func candidates(issuerName: some Collection<UInt8>, authorityKeyIdentifier: [UInt8]?) -> [Issuer] {
        let named = bySubject[Array(issuerName)] ?? []
        guard let aki = authorityKeyIdentifier else { return named }
        return named.sorted { a, _ in (try? a.extensions.subjectKeyIdentifier?.get())?.keyIdentifier == aki }
    }
}
