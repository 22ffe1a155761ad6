import SwiftASN1

/// Certificate policy OIDs of EN 319 411-1 §5.3, EN 319 411-2 §5.3, TS 119 495 and the CA/B
/// Forum (checked against shared/requirements/certificates.md §1.8).
public enum PolicyIdentifiers {
    public static let ncp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 1]
    public static let ncpPlus: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 2]
    public static let lcp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 3]
    public static let evcp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 4]
    public static let dvcp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 6]
    public static let ovcp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 7]
    public static let ivcp: ASN1ObjectIdentifier = [0, 4, 0, 2042, 1, 8]
    /// EN 319 411-1 reserved policies.
    public static let en319411_1: [ASN1ObjectIdentifier: String] = [
        ncp: "NCP", ncpPlus: "NCP+", lcp: "LCP", evcp: "EVCP", dvcp: "DVCP", ovcp: "OVCP", ivcp: "IVCP",
    ]

    public static let qcpN: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 0]
    public static let qcpL: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 1]
    public static let qcpNQSCD: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 2]
    public static let qcpLQSCD: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 3]
    public static let qevcpW: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 4]
    public static let qncpW: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 5]
    public static let qncpWGen: ASN1ObjectIdentifier = [0, 4, 0, 194112, 1, 6]
    /// EN 319 411-2 qualified policies.
    public static let en319411_2: [ASN1ObjectIdentifier: String] = [
        qcpN: "QCP-n", qcpL: "QCP-l", qcpNQSCD: "QCP-n-qscd", qcpLQSCD: "QCP-l-qscd", qevcpW: "QEVCP-w",
        qncpW: "QNCP-w", qncpWGen: "QNCP-w-gen",
    ]

    public static let qcpWPSD2: ASN1ObjectIdentifier = [0, 4, 0, 19495, 3, 1]

    public static let cabEV: ASN1ObjectIdentifier = [2, 23, 140, 1, 1]
    public static let cabDV: ASN1ObjectIdentifier = [2, 23, 140, 1, 2, 1]
    public static let cabOV: ASN1ObjectIdentifier = [2, 23, 140, 1, 2, 2]
    public static let cabIV: ASN1ObjectIdentifier = [2, 23, 140, 1, 2, 3]
    public static let cab: [ASN1ObjectIdentifier: String] = [cabEV: "EV", cabDV: "DV", cabOV: "OV", cabIV: "IV"]

    public static let anyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 32, 0]

    /// Policies by which a certificate puts itself under the CA/B Forum Baseline Requirements:
    /// the CA/B ones, and the EN 319 411-1/-2 web policies built on them (EVCP, OVCP, DVCP, IVCP,
    /// QEVCP-w, QNCP-w). QNCP-w-gen is built on NCP, not on the BR (EN 319 411-2 §5.3).
    public static let baselineRequirements: Set<ASN1ObjectIdentifier> =
        Set(cab.keys).union([evcp, ovcp, dvcp, ivcp, qevcpW, qncpW])

    /// ETSI TS 101 456 qualified-certificate policies, superseded by EN 319 411-2 (2016-02): a
    /// claim to a profile (TS 101 862 / RFC 3739) that TrustAudit does not check.
    public static let ts101456: [ASN1ObjectIdentifier: String] = [
        [0, 4, 0, 1456, 1, 1]: "QCP public + SSCD (TS 101 456)", [0, 4, 0, 1456, 1, 2]: "QCP public (TS 101 456)",
    ]

    /// Whether `policy` puts the certificate under a profile an ETSI audit can judge: an EN 319
    /// 411-1/-2 policy, QCP-w-psd2 or a CA/B Forum policy (with QCStatements, the claims by which
    /// `--profile auto` chooses an ETSI profile; CERT-300 reports a certificate with none).
    public static func isClaim(_ policy: ASN1ObjectIdentifier) -> Bool {
        en319411_1[policy] != nil || en319411_2[policy] != nil || cab[policy] != nil || policy == qcpWPSD2
    }

    /// A readable name for evidence.
    public static func name(_ oid: ASN1ObjectIdentifier) -> String {
        namesWithOID[oid] ?? oid.dotted
    }

    /// "QCP-n-qscd (0.4.0.194112.1.2)" for every named policy, written once: evidence and the
    /// profile reason name the policies of every certificate.
    private static let namesWithOID: [ASN1ObjectIdentifier: String] = {
        var names = en319411_2.merging(en319411_1) { first, _ in first }
        names.merge(cab.mapValues { "CA/B \($0)" }) { first, _ in first }
        names[qcpWPSD2] = names[qcpWPSD2] ?? "QCP-w-psd2"
        names.merge(ts101456) { first, _ in first }
        return names.reduce(into: [:]) { $0[$1.key] = "\($1.value) (\($1.key))" }
    }()
}
