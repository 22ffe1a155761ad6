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
    /// A PSD2 QWAC for use outside browsers: no CA/B Forum policy and no EN 319 411 web policy
    /// built on the Baseline Requirements (e.g. QNCP-w-gen or QCP-w-psd2 alone).
    case psd2QWACNonBrowser = "psd2-qwac-non-browser"
    case psd2QSealC = "psd2-qsealc"
    case ncpN = "ncp-n"
    case ncpL = "ncp-l"
    case tsu
    case ca
    /// A trusted-list signing certificate (extKeyUsage id-tsl-kp-tslSigning, TS 119 612 §5.7.1).
    case tlSigner = "tl-signer"
    /// An OCSP responder certificate (extKeyUsage id-kp-OCSPSigning, RFC 6960 §4.2.2.2).
    case ocspResponder = "ocsp-responder"
    /// A certificate qualified under the legislation of a non-EU country (QcCClegislation,
    /// EN 319 412-5 §4.2.4): the QCStatement rules apply, the EU-qualified ones do not.
    case qcForeign = "qc-non-eu"
    /// A qualified certificate (QcCompliance or an EN 319 411-2 policy) that states neither a
    /// natural nor a legal person anywhere (subject, policy or QcType).
    case qcUnstated = "qc"
    /// An EN 319 411-1 policy (NCP, NCP+, LCP) and no person named: the general end-entity
    /// rules of EN 319 412-2 apply.
    case etsiEndEntity = "etsi-ee"
    /// Nothing ETSI or CA/B Forum is claimed: the RFC 5280 basics apply, plus an observation
    /// that the certificate claims no profile.
    case endEntity
    /// The bytes could not be decoded as a certificate.
    case undecodable
}
