/// The ETSI certificate types TrustAudit tells apart; each maps to one profile.
public enum CertificateType: String, Sendable, Hashable, CaseIterable {
    case qcpNQSCD = "qcp-n-qscd"
    case qcpN = "qcp-n"
    case qcpLQSCD = "qcp-l-qscd"
    case qcpL = "qcp-l"
    case qevcpW = "qevcp-w"
    case qncpW = "qncp-w"
    case web
    case psd2QWAC = "psd2-qwac"
    case psd2QSealC = "psd2-qsealc"
    case ncpN = "ncp-n"
    case ncpL = "ncp-l"
    case tsu
    case ca
    /// Nothing ETSI-specific is claimed: the RFC 5280 basics apply.
    case endEntity
    /// The bytes could not be decoded as a certificate.
    case undecodable
}
