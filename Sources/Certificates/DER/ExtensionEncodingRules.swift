import DERWalk
import SwiftASN1

/// DER faults inside an extension value that only the extension's ASN.1 module reveals, so the
/// module-blind ``DERScanner`` cannot see them: an encoded DEFAULT value (X.690 §11.5) and a named
/// BIT STRING with trailing zero bits (X.690 §11.2.2).
enum ExtensionEncodingRules {
    /// The violations in `ext`'s value; offsets are item offsets (the value is a slice of the item).
    ///
    /// - Parameter reader: the item's bytes, when the value is clean DER (its scan found nothing):
    ///   the value is then walked instead of parsed again by swift-asn1, with the same answer.
    static func violations(_ ext: CertificateExtension, walking reader: TLVReader? = nil) -> [DERViolation] {
        // Only three extension types have such rules: the others are not parsed again here.
        let kind: Kind
        switch ext.oid {
        case .CertificateExtension.basicConstraints: kind = .basicConstraints
        case .CertificateExtension.keyUsage: kind = .keyUsage
        case .CertificateExtension.nameConstraints: kind = .nameConstraints
        default: return []
        }
        if let reader, let root = DERTree.embeddedRoot(reader, ext.value) {
            return walked(kind, reader, root)
        }
        guard let root = try? DER.parse(ext.value) else { return [] } // the DER scan reports it
        switch kind {
        case .basicConstraints: return basicConstraints(root)
        case .keyUsage: return namedBitString(root, name: "keyUsage")
        case .nameConstraints: return nameConstraints(root)
        }
    }

    private enum Kind { case basicConstraints, keyUsage, nameConstraints }

    /// The same three checks over TLVs (identifiers compared without the constructed bit, as
    /// swift-asn1's are; contents read only from primitive elements).
    private static func walked(_ kind: Kind, _ reader: TLVReader, _ root: TLV) -> [DERViolation] {
        switch kind {
        case .basicConstraints:
            guard let first = DERTree.lenient(reader, root).first(where: { _ in true }), first.tag == 0x01,
                reader.content(first).allSatisfy({ $0 == 0 })
            else { return [] }
            return [defaultCA(at: first.start)]
        case .keyUsage:
            guard root.tag == 0x03 else { return [] }
            return namedBitString(reader.content(root), at: root.start, name: "keyUsage")
        case .nameConstraints:
            var violations: [DERViolation] = []
            for subtrees in DERTree.lenient(reader, root) {
                for subtree in DERTree.lenient(reader, subtrees) {
                    for field in DERTree.lenient(reader, subtree).dropFirst() where field.tag & 0xDF == 0x80 {
                        if field.tag == 0x80, reader.content(field).allSatisfy({ $0 == 0 }) {
                            violations.append(defaultMinimum(at: field.start))
                        }
                    }
                }
            }
            return violations
        }
    }

    /// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
    private static func basicConstraints(_ root: ASN1Node) -> [DERViolation] {
        guard let first = LenientASN1.children(root).first, first.identifier == .boolean,
            case .primitive(let flag) = first.content, flag.allSatisfy({ $0 == 0 })
        else { return [] }
        return [defaultCA(at: first.encodedBytes.startIndex)]
    }

    private static func defaultCA(at offset: Int) -> DERViolation {
        DERViolation(
            offset: offset, message: "basicConstraints encodes cA FALSE, which is the DEFAULT and must be omitted")
    }

    private static func namedBitString(_ root: ASN1Node, name: String) -> [DERViolation] {
        guard root.identifier == .bitString, case .primitive(let content) = root.content else { return [] }
        return namedBitString(content, at: root.encodedBytes.startIndex, name: name)
    }

    /// A BIT STRING with named bits ends at its last 1 bit: no trailing zero bits, no zero octet at the end.
    private static func namedBitString(_ content: ArraySlice<UInt8>, at offset: Int, name: String) -> [DERViolation] {
        guard let unused = content.first else { return [] }
        let bits = content.dropFirst()
        guard let last = bits.last else { return [] }
        let trailingZeros = last == 0 ? 8 : last.trailingZeroBitCount
        guard last == 0 || Int(unused) != trailingZeros else { return [] }
        let expected = significantEncoding(bits)
        return [
            DERViolation(
                offset: offset,
                message:
                    "\(name) is a named BIT STRING with trailing zero bits (\(hexString(content)), DER: \(expected))")
        ]
    }

    /// The DER contents of the same named bits: trailing zero octets and bits removed.
    private static func significantEncoding(_ bits: ArraySlice<UInt8>) -> String {
        let kept = Array(bits.reversed().drop { $0 == 0 }.reversed())
        guard let last = kept.last else { return "00" }
        return hexString([UInt8(last.trailingZeroBitCount)] + kept)
    }

    /// GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0, maximum [1] … OPTIONAL }
    private static func nameConstraints(_ root: ASN1Node) -> [DERViolation] {
        var violations: [DERViolation] = []
        for subtrees in LenientASN1.children(root) {
            for subtree in LenientASN1.children(subtrees) {
                for field in LenientASN1.children(subtree).dropFirst()
                where field.identifier.tagClass == .contextSpecific && field.identifier.tagNumber == 0 {
                    if case .primitive(let value) = field.content, value.allSatisfy({ $0 == 0 }) {
                        violations.append(defaultMinimum(at: field.encodedBytes.startIndex))
                    }
                }
            }
        }
        return violations
    }

    private static func defaultMinimum(at offset: Int) -> DERViolation {
        DERViolation(
            offset: offset, message: "nameConstraints encodes minimum 0, which is the DEFAULT and must be omitted")
    }
}
