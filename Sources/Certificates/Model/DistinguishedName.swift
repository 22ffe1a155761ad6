import SwiftASN1

/// A Name (RFC 5280 §4.1.2.4) kept as its attributes in order plus the exact bytes.
public struct DistinguishedName: Sendable, Hashable {
    /// One AttributeTypeAndValue.
    public struct Attribute: Sendable, Hashable {
        public var type: ASN1ObjectIdentifier
        /// The value's tag (PrintableString, UTF8String, …), needed for string-type rules.
        public var valueTag: ASN1Identifier
        /// The value's content octets.
        public var value: ArraySlice<UInt8>
    }

    /// Relative distinguished names in order, each a set of attributes.
    public var rdns: [[Attribute]]
    public var encoded: ArraySlice<UInt8>

    public var isEmpty: Bool { rdns.isEmpty }

    init(node: ASN1Node, location: String) throws(CertificateError) {
        var rdns: [[Attribute]] = []
        for (i, rdn) in try node.children(expecting: .sequence, at: location).enumerated() {
            var attributes: [Attribute] = []
            for (j, atv) in try rdn.children(expecting: .set, at: "\(location).rdn[\(i)]").enumerated() {
                // Built only when an error needs it: names are decoded for every certificate.
                func here() -> String { "\(location).rdn[\(i)][\(j)]" }
                let parts = try atv.children(expecting: .sequence, at: here())
                guard parts.count == 2 else {
                    throw .unexpectedStructure("AttributeTypeAndValue has \(parts.count) elements", at: here())
                }
                let value: ArraySlice<UInt8>
                switch parts[1].content {
                case .primitive(let bytes): value = bytes
                case .constructed: value = parts[1].encodedBytes
                }
                attributes.append(
                    Attribute(
                        type: try parts[0].objectIdentifier(at: here()), valueTag: parts[1].identifier, value: value))
            }
            rdns.append(attributes)
        }
        self.rdns = rdns
        self.encoded = node.encodedBytes
    }
}
