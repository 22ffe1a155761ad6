import SwiftASN1

/// DER faults inside an extension value that only the extension's ASN.1 module reveals, so the
/// module-blind ``DERScanner`` cannot see them: an encoded DEFAULT value (X.690 §11.5) and a named
/// BIT STRING with trailing zero bits (X.690 §11.2.2).
enum ExtensionEncodingRules {
    /// The violations in `ext`'s value; offsets are item offsets (the value is a slice of the item).
    static func violations(_ ext: CertificateExtension) -> [DERViolation] {
        // Only three extension types have such rules: the others are not parsed again here.
        let check: (ASN1Node) -> [DERViolation]
        switch ext.oid {
        case .CertificateExtension.basicConstraints: check = basicConstraints
        case .CertificateExtension.keyUsage: check = { namedBitString($0, name: "keyUsage") }
        case .CertificateExtension.nameConstraints: check = nameConstraints
        default: return []
        }
        guard let root = try? DER.parse(ext.value) else { return [] } // the DER scan reports it
        return check(root)
    }

    /// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
    private static func basicConstraints(_ root: ASN1Node) -> [DERViolation] {
        guard let first = LenientASN1.children(root).first, first.identifier == .boolean,
            case .primitive(let flag) = first.content, flag.allSatisfy({ $0 == 0 })
        else { return [] }
        return [
            DERViolation(
                offset: first.encodedBytes.startIndex,
                message: "basicConstraints encodes cA FALSE, which is the DEFAULT and must be omitted")
        ]
    }

    /// A BIT STRING with named bits ends at its last 1 bit: no trailing zero bits, no zero octet at the end.
    private static func namedBitString(_ root: ASN1Node, name: String) -> [DERViolation] {
        guard root.identifier == .bitString, case .primitive(let content) = root.content, let unused = content.first
        else {
            return []
        }
        let bits = content.dropFirst()
        guard let last = bits.last else { return [] }
        let trailingZeros = last == 0 ? 8 : last.trailingZeroBitCount
        guard last == 0 || Int(unused) != trailingZeros else { return [] }
        let expected = significantEncoding(bits)
        return [
            DERViolation(
                offset: root.encodedBytes.startIndex,
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
                        violations.append(
                            DERViolation(
                                offset: field.encodedBytes.startIndex,
                                message: "nameConstraints encodes minimum 0, which is the DEFAULT and must be omitted"))
                    }
                }
            }
        }
        return violations
    }
}
