import DERWalk
import SwiftASN1

/// A certificate item as the rules see it: its bytes, the DER scan of them, and the decoded
/// model when the bytes could be decoded at all (strictly, or leniently as BER).
public struct InspectedCertificate: Sendable {
    public let bytes: [UInt8]
    public let derScan: DERScan
    /// The issuer certificates supplied for chain checks, if any.
    public let issuers: IssuerStore?
    /// The Certificate Transparency entry type the certificate was logged as (`x509_entry`,
    /// `precert_entry`), when it was read from a log.
    public let logEntryType: String?
    /// True for a TBSCertificate checked before signing (``UnsignedCertificate``): `bytes` are
    /// then the wrapper's, and the signature is not judged.
    public let isUnsigned: Bool
    /// The decoded parts in one shared box: every profile rule reads it, and handing a reference
    /// to fifty rules costs one retain each where copying the model would cost dozens.
    let view: CertificateView?
    /// Why there is no `view`.
    let decodingError: CertificateError?

    /// Decodes as far as possible: a DER violation does not stop the other rules when a BER
    /// reading still yields the certificate.
    public init(bytes: [UInt8], issuers: IssuerStore? = nil, logEntryType: String? = nil, isUnsigned: Bool = false) {
        self.bytes = bytes
        self.issuers = issuers
        self.logEntryType = logEntryType
        self.isUnsigned = isUnsigned
        derScan = DERScanner.scan(bytes)
        switch Certificate.decode(bytes, scan: derScan) {
        case .success(let (certificate, walked)):
            // Walked values are slices of `bytes`: their extensions can be walked too.
            let reader = walked ? TLVReader(bytes) : nil
            view = CertificateView(
                certificate: certificate,
                extensions: DecodedExtensions(certificate.tbs, walking: reader), issuers: issuers,
                logEntryType: logEntryType, isUnsigned: isUnsigned, walked: reader)
            decodingError = nil
        case .failure(let error):
            view = nil
            decodingError = error
        }
    }

    /// The decoded certificate, or why the bytes could not be decoded.
    public var decoded: Result<Certificate, CertificateError> {
        if let view { return .success(view.certificate) }
        return .failure(decodingError ?? .notDecodable("no certificate"))
    }

    public var certificate: Certificate? { view?.certificate }

    /// The extensions the profile rules read, decoded once; nil when the certificate is not.
    public var extensions: DecodedExtensions? { view?.extensions }

    /// The certificate type read from what the certificate claims, with the reasons.
    public var detection: CertificateTypeDetection { CertificateTypeDetection(self) }
}
