import SwiftASN1

/// The signed part of a certificate (RFC 5280 §4.1.2), every field kept with its bytes.
public struct TBSCertificate: Sendable, Hashable {
    /// The version field's value (0 = v1, 2 = v3), nil when the field is absent (v1 by DEFAULT).
    public var version: Int?
    /// The serial number's content octets (two's complement, as encoded).
    public var serialNumber: ArraySlice<UInt8>
    public var signature: AlgorithmIdentifier
    public var issuer: DistinguishedName
    public var notBefore: CertificateTime
    public var notAfter: CertificateTime
    public var subject: DistinguishedName
    /// SubjectPublicKeyInfo, undecoded: any key algorithm is a value.
    public var subjectPublicKeyInfo: ArraySlice<UInt8>
    public var subjectPublicKeyAlgorithm: ASN1ObjectIdentifier
    public var extensions: [CertificateExtension]
    public var encoded: ArraySlice<UInt8>

    /// The first extension with this OID.
    public func `extension`(_ oid: ASN1ObjectIdentifier) -> CertificateExtension? {
        // By index: `first(where:)` copies every extension it passes (three buffer references).
        for position in extensions.indices where extensions[position].oid == oid { return extensions[position] }
        return nil
    }

    init(node: ASN1Node) throws(CertificateError) {
        let location = "tbsCertificate"
        var fields = try node.children(expecting: .sequence, at: location)[...]
        encoded = node.encodedBytes

        version = nil
        if let first = fields.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            guard case .constructed(let inner) = first.content, let integer = Array(inner).first else {
                throw .unexpectedStructure("version [0] is not EXPLICIT INTEGER", at: "\(location).version")
            }
            let octets = try integer.primitive(expecting: .integer, at: "\(location).version")
            version = octets.count <= 4 ? octets.reduce(0) { $0 << 8 | Int($1) } : Int.max
            fields = fields.dropFirst()
        }
        func next(_ name: String) throws(CertificateError) -> ASN1Node {
            guard let node = fields.popFirst() else {
                throw .unexpectedStructure("\(name) missing", at: "\(location).\(name)")
            }
            return node
        }
        serialNumber = try next("serialNumber").primitive(expecting: .integer, at: "\(location).serialNumber")
        signature = try AlgorithmIdentifier(node: try next("signature"), location: "\(location).signature")
        issuer = try DistinguishedName(node: try next("issuer"), location: "\(location).issuer")
        let validity = try next("validity").children(expecting: .sequence, at: "\(location).validity")
        guard validity.count == 2 else {
            throw .unexpectedStructure("validity has \(validity.count) elements", at: "\(location).validity")
        }
        notBefore = CertificateTime(node: validity[0])
        notAfter = CertificateTime(node: validity[1])
        subject = try DistinguishedName(node: try next("subject"), location: "\(location).subject")
        let spki = try next("subjectPublicKeyInfo")
        let spkiParts = try spki.children(expecting: .sequence, at: "\(location).subjectPublicKeyInfo")
        guard spkiParts.count == 2 else {
            throw .unexpectedStructure(
                "SubjectPublicKeyInfo has \(spkiParts.count) elements", at: "\(location).subjectPublicKeyInfo")
        }
        subjectPublicKeyInfo = spki.encodedBytes
        subjectPublicKeyAlgorithm =
            try AlgorithmIdentifier(node: spkiParts[0], location: "\(location).subjectPublicKeyInfo.algorithm")
            .algorithm

        extensions = []
        while let field = fields.popFirst() {
            guard field.identifier.tagClass == .contextSpecific, (1...3).contains(field.identifier.tagNumber) else {
                throw .unexpectedStructure(
                    "unexpected field \(field.identifier)", at: "\(location) byte \(field.offset)")
            }
            guard field.identifier.tagNumber == 3 else { continue } // issuer/subject unique IDs
            guard case .constructed(let inner) = field.content, let list = Array(inner).first else {
                throw .unexpectedStructure("extensions [3] is not EXPLICIT", at: "\(location).extensions")
            }
            for (i, node) in try list.children(expecting: .sequence, at: "\(location).extensions").enumerated() {
                extensions.append(try CertificateExtension(node: node, location: "\(location).extensions[\(i)]"))
            }
        }
    }
}
