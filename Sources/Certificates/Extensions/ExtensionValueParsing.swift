import SwiftASN1

/// Shared decoding of extnValue contents. DER faults inside values are CERT-000's findings, so
/// values are read leniently (BER) here and every structural mismatch is a ``CertificateError``.
enum ExtensionValue {
    static func root(_ bytes: ArraySlice<UInt8>, _ name: String) throws(CertificateError) -> ASN1Node {
        if let node = try? DER.parse(bytes) { return node }
        do {
            return try BER.parse(bytes)
        } catch {
            throw .unexpectedStructure("\(name) value is not BER/DER", at: name)
        }
    }

    static func string(_ node: ASN1Node) -> String? {
        guard case .primitive(let bytes) = node.content else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func integer(_ node: ASN1Node) -> Int? {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content, (1...8).contains(bytes.count)
        else { return nil }
        var value = bytes.first! & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = value << 8 | Int(byte) }
        return value
    }

    static func oid(_ node: ASN1Node) -> ASN1ObjectIdentifier? {
        try? ASN1ObjectIdentifier(berEncoded: node)
    }

    static func children(_ node: ASN1Node) -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { return [] }
        return Array(nodes)
    }
}
