/// What an item is, decided from its bytes (never from its file name).
public enum ArtefactKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An X.509 certificate (or CT precertificate).
    case certificate
    /// An RFC 3161 TimeStampToken or TimeStampResp.
    case timestamp
    /// An ETSI TS 119 612 trusted list or list of trusted lists.
    case trustedList
    /// An RFC 5280 §5 certificate revocation list (complete or delta).
    case crl
    /// An RFC 6960 OCSPResponse.
    case ocspResponse
    /// Anything else: empty, random or unsupported bytes.
    case unknown
}
