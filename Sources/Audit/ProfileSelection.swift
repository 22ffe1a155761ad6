import AuditCore
import Certificates

/// How the profile of each item is chosen: `--profile auto` (by kind and, later, by what the
/// item claims) or one named profile.
public enum ProfileSelection: Sendable, Hashable {
    case automatic
    case named(String)

    /// The default profile of each kind.
    public static let defaults: [ArtefactKind: String] = [
        .certificate: "rfc5280-basics",
        .timestamp: "en319422-tst",
        .trustedList: "ts119612-signed",
        .crl: "en319411-crl",
        .ocspResponse: "en319411-ocsp",
        .unknown: "unrecognised-input",
    ]

    /// The profile of each detected certificate type (`--profile auto`).
    public static let certificateProfiles: [CertificateType: String] = [
        .qcpNQSCD: "en319412-qcp-n-qscd", .qcpN: "en319412-qcp-n", .qcpLQSCD: "en319412-qcp-l-qscd",
        .qcpL: "en319412-qcp-l", .qevcpW: "en319412-qevcp-w", .qncpW: "en319412-qncp-w", .web: "en319412-web",
        .psd2QWAC: "ts119495-psd2-qwac", .psd2QWACNonBrowser: "ts119495-psd2-qwac-non-browser",
        .psd2QSealC: "ts119495-psd2-qsealc", .ncpN: "en319412-ncp-n",
        .ncpL: "en319412-ncp-l", .tsu: "en319422-tsu", .ca: "en319412-ca", .tlSigner: "ts119612-tl-signer",
        .ocspResponder: "rfc6960-ocsp-responder", .qcForeign: "en319412-qc-non-eu", .qcUnstated: "en319412-qc",
        .etsiEndEntity: "en319412-ee", .endEntity: "rfc5280-end-entity", .undecodable: "rfc5280-basics",
    ]

    public init(argument: String) {
        self = argument == "auto" ? .automatic : .named(argument)
    }
}
