import SwiftASN1

/// Lenient readers over swift-asn1 nodes, shared by the certificate extensions and the CMS /
/// TSTInfo decoders. DER faults are the strict-DER rules' findings (CERT-000, TST-001), so values
/// are read as BER here and a structural mismatch is the caller's error.
public enum LenientASN1 {
    static func root(_ bytes: ArraySlice<UInt8>, _ name: String) throws(CertificateError) -> ASN1Node {
        if let node = try? DER.parse(bytes) { return node }
        do {
            return try BER.parse(bytes)
        } catch {
            throw .unexpectedStructure("\(name) value is not BER/DER", at: name)
        }
    }

    public static func string(_ node: ASN1Node) -> String? {
        guard case .primitive(let bytes) = node.content else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func integer(_ node: ASN1Node) -> Int? {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content, (1...8).contains(bytes.count)
        else { return nil }
        var value = bytes.first! & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = value << 8 | Int(byte) }
        return value
    }

    public static func oid(_ node: ASN1Node) -> ASN1ObjectIdentifier? {
        // Checked first: a thrown swift-asn1 error formats its file and line, and RSA keys put a
        // NULL where EC keys put their curve's OID.
        guard node.identifier == .objectIdentifier else { return nil }
        // A known identifier's content is valid: its shared value equals the decoded one.
        if case .primitive(let content) = node.content, let known = KnownObjectIdentifiers.byContent[content] {
            return known
        }
        return try? ASN1ObjectIdentifier(berEncoded: node)
    }

    public static func children(_ node: ASN1Node) -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { return [] }
        return Array(nodes)
    }
}
