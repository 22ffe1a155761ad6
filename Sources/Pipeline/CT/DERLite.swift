import DERWalk

/// Just enough DER to take a certificate apart into its TBSCertificate fields (tags and exact
/// byte ranges), without decoding values: CT entries are compared field by field. Built on the
/// package's one lenient TLV reader (`TLVReader`).
enum DERLite {
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
        let reader = TLVReader(Array(bytes))
        guard let outer = reader.element(at: 0, limit: reader.bytes.count), outer.tag == 0x30,
            var fields = children(reader, outer)
        else { return nil }
        if fields.first?.tag == 0xA0 { fields.removeFirst() }
        guard fields.count >= 6 else { return nil }
        var extensions: [(ArraySlice<UInt8>, ArraySlice<UInt8>)] = []
        if let wrapper = fields.last(where: { $0.tag == 0xA3 }),
            let list = reader.element(at: wrapper.contentStart, limit: wrapper.end),
            let items = children(reader, list)
        {
            for item in items {
                guard let parts = children(reader, item), let oid = parts.first, oid.tag == 0x06 else { return nil }
                extensions.append((reader.content(oid), reader.encoded(item)))
            }
        }
        return TBS(
            serial: reader.encoded(fields[0]), issuer: reader.encoded(fields[2]), validity: reader.encoded(fields[3]),
            subject: reader.encoded(fields[4]), subjectPublicKeyInfo: reader.encoded(fields[5]),
            extensions: extensions)
    }

    /// The TBSCertificate TLV of a certificate.
    static func tbsOfCertificate(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let reader = TLVReader(Array(bytes))
        guard let outer = reader.element(at: 0, limit: reader.bytes.count), outer.tag == 0x30,
            let first = reader.element(at: outer.contentStart, limit: outer.end), first.tag == 0x30
        else { return nil }
        return reader.encoded(first)
    }

    /// The elements inside `parent`; nil unless they fill its content exactly.
    static func children(_ reader: TLVReader, _ parent: TLV) -> [TLV]? {
        let found = reader.children(of: parent)
        return (found.last?.end ?? parent.contentStart) == parent.end ? found : nil
    }

    /// OID content bytes of 1.3.6.1.4.1.11129.2.4.3 (CT precertificate poison), 2.5.29.35
    /// (authorityKeyIdentifier) and 1.3.6.1.4.1.11129.2.4.4 (CT precertificate signing EKU).
    static let poison: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x03]
    static let authorityKeyIdentifier: [UInt8] = [0x55, 0x1D, 0x23]
    static let precertificateSigning: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xD6, 0x79, 0x02, 0x04, 0x04]
}
