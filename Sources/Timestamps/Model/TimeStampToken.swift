import Certificates
import SwiftASN1

/// An RFC 3161 TimeStampToken: a CMS SignedData (RFC 5652 §5) whose content is a TSTInfo, kept
/// with the exact bytes the digest and signature checks need.
public struct TimeStampToken: Sendable {
    /// A CMS attribute: type and the values' encodings.
    public struct Attribute: Sendable {
        public var type: ASN1ObjectIdentifier
        public var values: [ASN1Node]
    }

    /// One SignerInfo (RFC 5652 §5.3).
    public struct SignerInfo: Sendable {
        public var version: Int?
        /// IssuerAndSerialNumber: issuer DN bytes and serial content octets.
        public var issuer: ArraySlice<UInt8>?
        public var serialNumber: ArraySlice<UInt8>?
        /// SubjectKeyIdentifier form of sid.
        public var subjectKeyIdentifier: ArraySlice<UInt8>?
        public var digestAlgorithm: ASN1ObjectIdentifier
        /// The signed attributes re-tagged as a DER SET (what the signature covers, §5.4).
        public var signedAttributesForSignature: [UInt8]?
        public var signedAttributes: [Attribute]
        public var signatureAlgorithm: ASN1ObjectIdentifier
        public var signatureAlgorithmParameters: ArraySlice<UInt8>?
        public var signature: ArraySlice<UInt8>

        public func attribute(_ type: ASN1ObjectIdentifier) -> Attribute? { signedAttributes.first { $0.type == type } }
    }

    public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    public static let tstInfoType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]
    public static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
    public static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
    public static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 12]
    public static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 47]

    public var version: Int?
    public var eContentType: ASN1ObjectIdentifier
    /// The TSTInfo DER (eContent octets).
    public var eContent: ArraySlice<UInt8>
    public var tstInfo: Result<TSTInfo, TimestampError>
    /// DER of each certificate in SignedData.certificates.
    public var certificates: [[UInt8]]
    public var signerInfos: [SignerInfo]

    init(contentInfo: ASN1Node) throws(TimestampError) {
        let parts = LenientASN1.children(contentInfo)
        guard parts.count == 2, LenientASN1.oid(parts[0]) == Self.signedData,
            let signedData = LenientASN1.children(parts[1]).first
        else {
            throw .unexpectedStructure("not a CMS ContentInfo with SignedData", at: "timeStampToken")
        }
        var fields = LenientASN1.children(signedData)[...]
        guard fields.count >= 4 else { throw .unexpectedStructure("SignedData has too few fields", at: "SignedData") }
        version = LenientASN1.integer(fields.removeFirst())
        fields.removeFirst() // digestAlgorithms
        let encapsulated = LenientASN1.children(fields.removeFirst())
        guard let type = encapsulated.first.flatMap(LenientASN1.oid) else {
            throw .unexpectedStructure("encapContentInfo has no eContentType", at: "SignedData.encapContentInfo")
        }
        eContentType = type
        guard encapsulated.count == 2, let octets = LenientASN1.children(encapsulated[1]).first,
            case .primitive(let content) = octets.content
        else {
            throw .unexpectedStructure(
                "eContent is absent (detached) or not an OCTET STRING", at: "SignedData.encapContentInfo.eContent")
        }
        eContent = content
        do throws(TimestampError) { tstInfo = .success(try TSTInfo(der: content)) } catch { tstInfo = .failure(error) }
        certificates = []
        signerInfos = []
        while let field = fields.popFirst() {
            if field.identifier.tagClass == .contextSpecific && field.identifier.tagNumber == 0 {
                certificates = LenientASN1.children(field).filter { $0.identifier == .sequence }.map {
                    Array($0.encodedBytes)
                }
            } else if field.identifier == .set {
                signerInfos = LenientASN1.children(field).compactMap(Self.signerInfo)
            }
        }
    }

    static func signerInfo(_ node: ASN1Node) -> SignerInfo? {
        var fields = LenientASN1.children(node)[...]
        guard fields.count >= 5 else { return nil }
        let version = LenientASN1.integer(fields.removeFirst())
        let sid = fields.removeFirst()
        var issuer: ArraySlice<UInt8>?
        var serial: ArraySlice<UInt8>?
        var ski: ArraySlice<UInt8>?
        if sid.identifier == .sequence {
            let parts = LenientASN1.children(sid)
            issuer = parts.first?.encodedBytes
            if parts.count > 1, case .primitive(let bytes) = parts[1].content { serial = bytes }
        } else if case .primitive(let bytes) = sid.content {
            ski = bytes
        }
        guard let digest = LenientASN1.children(fields.removeFirst()).first.flatMap(LenientASN1.oid) else { return nil }
        var forSignature: [UInt8]?
        var attributes: [Attribute] = []
        if let first = fields.first, first.identifier.tagClass == .contextSpecific, first.identifier.tagNumber == 0 {
            fields.removeFirst()
            // RFC 5652 §5.4: the signature covers the DER of the attributes with a SET tag.
            var bytes = Array(first.encodedBytes)
            if !bytes.isEmpty { bytes[0] = 0x31 }
            forSignature = bytes
            attributes = LenientASN1.children(first).compactMap { attribute in
                let parts = LenientASN1.children(attribute)
                guard let type = parts.first.flatMap(LenientASN1.oid) else { return nil }
                return Attribute(type: type, values: parts.count > 1 ? LenientASN1.children(parts[1]) : [])
            }
        }
        guard fields.count >= 2 else { return nil }
        let algorithm = LenientASN1.children(fields.removeFirst())
        guard let signatureAlgorithm = algorithm.first.flatMap(LenientASN1.oid),
            case .primitive(let signature) = fields.removeFirst().content
        else { return nil }
        return SignerInfo(
            version: version, issuer: issuer, serialNumber: serial, subjectKeyIdentifier: ski, digestAlgorithm: digest,
            signedAttributesForSignature: forSignature, signedAttributes: attributes,
            signatureAlgorithm: signatureAlgorithm,
            signatureAlgorithmParameters: algorithm.dropFirst().first?.encodedBytes,
            signature: signature)
    }
}

/// A TimeStampResp (RFC 3161 §2.4.2): the status and, when granted, the token.
public struct TimeStampResponseStatus: Sendable {
    public var status: Int?
    public var statusStrings: [String]
    /// Names of the failInfo bits set.
    public var failures: [String]
    public var hasToken: Bool

    static let failInfoNames = [
        0: "badAlg", 2: "badRequest", 5: "badDataFormat", 14: "timeNotAvailable",
        15: "unacceptedPolicy", 16: "unacceptedExtension", 17: "addInfoNotAvailable", 25: "systemFailure",
    ]

    init(node: ASN1Node) {
        let parts = LenientASN1.children(node)
        let info = parts.first.map(LenientASN1.children) ?? []
        status = info.first.flatMap(LenientASN1.integer)
        statusStrings =
            info.dropFirst().first { $0.identifier == .sequence }.map(LenientASN1.children)?.compactMap {
                if case .primitive(let b) = $0.content { String(decoding: b, as: UTF8.self) } else { nil }
            } ?? []
        failures = []
        if let bits = info.first(where: { $0.identifier == .bitString }), case .primitive(let content) = bits.content {
            for (index, byte) in content.dropFirst().enumerated() {
                for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                    failures.append(Self.failInfoNames[index * 8 + bit] ?? "bit \(index * 8 + bit)")
                }
            }
        }
        hasToken = parts.count > 1
    }
}
