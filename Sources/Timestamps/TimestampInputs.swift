import Certificates
import SwiftASN1
import TrustedLists

/// What the auditor supplies beside the tokens (`--data`, `--digest`, `--request`, `--policy`,
/// `--ca`, `--tsu`, `--trusted-lists`). Everything is optional; a check that needs a missing
/// input is recorded as not checked.
public struct TimestampInputs: Sendable {
    /// The time-stamped data, to recompute the imprint with the token's algorithm.
    public var data: [UInt8]?
    /// The expected imprint value (hex `--digest`), compared as is.
    public var digest: [UInt8]?
    public var request: TimeStampRequest?
    /// Policies the TSA announced (besides EN 319 421's best-practices policy 0.4.0.2023.1.1).
    public var policies: [ASN1ObjectIdentifier]
    /// TSA CA certificates to chain the TSU certificate to.
    public var anchors: IssuerStore?
    /// TSU certificates for tokens issued without certReq.
    public var tsuCertificates: [[UInt8]]
    public var trustedLists: TrustedListStore?
    /// Keys and chain results shared by the tokens of a run (same TSU, same chain).
    public var cache = VerificationCache()

    public init(
        data: [UInt8]? = nil, digest: [UInt8]? = nil, request: TimeStampRequest? = nil,
        policies: [ASN1ObjectIdentifier] = [],
        anchors: IssuerStore? = nil, tsuCertificates: [[UInt8]] = [], trustedLists: TrustedListStore? = nil
    ) {
        self.data = data
        self.digest = digest
        self.request = request
        self.policies = policies
        self.anchors = anchors
        self.tsuCertificates = tsuCertificates
        self.trustedLists = trustedLists
    }
}

/// A TimeStampReq (RFC 3161 §2.4.1), as far as the token is compared with it.
public struct TimeStampRequest: Sendable {
    public var imprintAlgorithm: ASN1ObjectIdentifier?
    public var imprint: [UInt8]?
    public var policy: ASN1ObjectIdentifier?
    public var nonce: [UInt8]?
    public var certReq: Bool

    /// Reads a DER TimeStampReq; nil when the bytes are not one.
    public init?(der: [UInt8]) {
        guard let root = try? BER.parse(der), root.identifier == .sequence else { return nil }
        let fields = LenientASN1.children(root)
        guard fields.count >= 2 else { return nil }
        let imprint = LenientASN1.children(fields[1])
        imprintAlgorithm = imprint.first.map(LenientASN1.children)?.first.flatMap(LenientASN1.oid)
        if imprint.count == 2, case .primitive(let hash) = imprint[1].content { self.imprint = Array(hash) }
        certReq = false
        for field in fields.dropFirst(2) {
            if field.identifier == .objectIdentifier { policy = LenientASN1.oid(field) }
            if field.identifier == .integer, case .primitive(let bytes) = field.content { nonce = Array(bytes) }
            if field.identifier == .boolean, case .primitive(let flag) = field.content {
                certReq = flag.contains { $0 != 0 }
            }
        }
    }
}
