/// Just enough DER to take a certificate apart into its TBSCertificate fields (tags and exact
/// byte ranges), without decoding values: CT entries are compared field by field.
enum DERLite {
    struct Element {
        var tag: UInt8
        /// The whole TLV.
        var bytes: ArraySlice<UInt8>
        /// The value bytes.
        var content: ArraySlice<UInt8>
    }

    /// The TLV at the start of `bytes`.
    static func element(_ bytes: ArraySlice<UInt8>) -> Element? {
        guard bytes.count >= 2 else { return nil }
        let start = bytes.startIndex
        var index = start + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, index + count <= bytes.endIndex else { return nil }
            length = 0
            for byte in bytes[index..<(index + count)] { length = length << 8 | Int(byte) }
            index += count
        }
        guard length >= 0, index + length <= bytes.endIndex else { return nil }
        return Element(
            tag: bytes[start], bytes: bytes[start..<(index + length)], content: bytes[index..<(index + length)])
    }

    /// The TLVs inside `content`, in order; nil if they do not fill it exactly.
    static func children(_ content: ArraySlice<UInt8>) -> [Element]? {
        var result: [Element] = []
        var rest = content
        while !rest.isEmpty {
            guard let element = element(rest) else { return nil }
            result.append(element)
            rest = rest[element.bytes.endIndex...]
        }
        return result
    }

    /// The TBSCertificate fields by name (version optional), with extensions as a list of
    /// (OID bytes, whole extension TLV).
    struct TBS {
        var serial: ArraySlice<UInt8>
        var issuer: ArraySlice<UInt8>
        var validity: ArraySlice<UInt8>
        var subject: ArraySlice<UInt8>
        var subjectPublicKeyInfo: ArraySlice<UInt8>
        var extensions: [(oid: ArraySlice<UInt8>, bytes: ArraySlice<UInt8>)]
    }

    static func tbs(_ bytes: ArraySlice<UInt8>) -> TBS? {
        guard let outer = element(bytes), outer.tag == 0x30, var fields = children(outer.content) else { return nil }
        if fields.first?.tag == 0xA0 { fields.removeFirst() }
        guard fields.count >= 6 else { return nil }
        var extensions: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
        if let wrapper = fields.last(where: { $0.tag == 0xA3 }), let list = element(wrapper.content),
            let items = children(list.content)
        {
            for item in items {
                guard let parts = children(item.content), let oid = parts.first, oid.tag == 0x06 else { return nil }
                extensions.append((oid.content, item.bytes))
            }
        }
        return TBS(
            serial: fields[0].bytes, issuer: fields[2].bytes, validity: fields[3].bytes, subject: fields[4].bytes,
            subjectPublicKeyInfo: fields[5].bytes, extensions: extensions)
    }

    /// The TBSCertificate TLV of a certificate.
    static func tbsOfCertificate(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let outer = element(bytes), outer.tag == 0x30, let first = element(outer.content), first.tag == 0x30
        else { return nil }
        return first.bytes
    }

    /// OID content bytes of 1.3.6.1.4.1.11129.2.4.3 (CT precertificate poison), 2.5.29.35
    /// (authorityKeyIdentifier) and 1.3.6.1.4.1.11129.2.4.4 (CT precertificate signing EKU).
    static let poison: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x03]
    static let authorityKeyIdentifier: [UInt8] = [0x55, 0x1D, 0x23]
    static let precertificateSigning: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x04]
}
