import AuditCore

/// What the classifier decided about an item, and the evidence for it.
public struct Classification: Sendable, Hashable {
    /// The artefact kind, with the sub-form where it matters for decoding.
    public enum Form: Sendable, Hashable {
        case certificate
        /// A TBSCertificate not yet signed (pre-issuance check).
        case tbsCertificate
        case timestampToken
        case timestampResponse
        case trustedList
        case crl
        case ocspResponse
        case unknown
    }

    public var form: Form
    /// One sentence on what in the bytes decided it, e.g. "DER SEQUENCE whose TBSCertificate
    /// starts with version [0]".
    public var reason: String

    public var kind: ArtefactKind {
        switch form {
        case .certificate, .tbsCertificate: .certificate
        case .timestampToken, .timestampResponse: .timestamp
        case .trustedList: .trustedList
        case .crl: .crl
        case .ocspResponse: .ocspResponse
        case .unknown: .unknown
        }
    }
}
