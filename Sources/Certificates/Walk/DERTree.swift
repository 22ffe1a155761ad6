import DERWalk
import SwiftASN1

/// Reading of the certificate's structure straight from its DER bytes with ``TLVReader``, for
/// the walking decoder (``Certificate/init(walking:length:)``): every function answers nil at
/// the first thing it does not expect, and the swift-asn1 decoder then reads the bytes and
/// names the problem.
enum DERTree {
    /// The children of a constructed element with tag `tag`, nil unless they fill it exactly.
    static func children(_ reader: TLVReader, _ parent: TLV, tag: UInt8) -> [TLV]? {
        guard parent.tag == tag, tag & 0x20 != 0 else { return nil }
        var children: [TLV] = []
        var index = parent.contentStart
        while index < parent.end {
            guard let child = reader.element(at: index, limit: parent.end) else { return nil }
            children.append(child)
            index = child.end
        }
        return children
    }

    /// Whether swift-asn1 would parse `element` and everything inside it: no [UNIVERSAL 0]
    /// tag at any depth (its end-of-contents marker), constructed contents filled exactly, and
    /// well inside its nesting limit of 50. The walk reads only the fields it decodes, so this
    /// is what keeps it from accepting a certificate the tree decoder rejects.
    static func parsesAsTree(_ reader: TLVReader, _ element: TLV, depth: Int = 1) -> Bool {
        guard element.tag & 0xDF != 0, depth <= 40 else { return false }
        guard element.tag & 0x20 != 0 else { return true }
        var index = element.contentStart
        while index < element.end {
            guard let child = reader.element(at: index, limit: element.end),
                parsesAsTree(reader, child, depth: depth + 1)
            else { return false }
            index = child.end
        }
        return true
    }

    /// The first child of an EXPLICIT context-specific wrapper `[number]`.
    static func explicit(_ reader: TLVReader, _ wrapper: TLV, number: UInt8) -> TLV? {
        children(reader, wrapper, tag: 0xA0 | number)?.first
    }

    /// The content octets of a primitive element with tag `tag`.
    static func primitive(_ reader: TLVReader, _ element: TLV, tag: UInt8) -> ArraySlice<UInt8>? {
        guard element.tag == tag, tag & 0x20 == 0 else { return nil }
        return reader.content(element)
    }

    /// The identifier swift-asn1 gives a low-tag-number element.
    static func identifier(_ tag: UInt8) -> ASN1Identifier {
        let tagClass: ASN1Identifier.TagClass =
            switch tag >> 6 {
            case 0: .universal
            case 1: .application
            case 2: .contextSpecific
            default: .private
            }
        return ASN1Identifier(tagWithNumber: UInt(tag & 0x1F), tagClass: tagClass)
    }

    /// An OBJECT IDENTIFIER: the shared value of a known one, else built from its arcs; nil for
    /// an encoding swift-asn1 would reject (empty, a non-minimal or unterminated arc) or an arc
    /// over 56 bits.
    static func objectIdentifier(_ reader: TLVReader, _ element: TLV) -> ASN1ObjectIdentifier? {
        guard let content = primitive(reader, element, tag: 0x06), !content.isEmpty else { return nil }
        if let known = KnownObjectIdentifiers.byContent[content] { return known }
        var arcs: [UInt] = []
        var value: UInt = 0
        var octets = 0
        for byte in content {
            if octets == 0 && byte == 0x80 { return nil }
            octets += 1
            guard octets <= 8 else { return nil }
            value = value << 7 | UInt(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    arcs = value < 40 ? [0, value] : value < 80 ? [1, value - 40] : [2, value - 80]
                } else {
                    arcs.append(value)
                }
                value = 0
                octets = 0
            }
        }
        guard octets == 0 else { return nil }
        return try? ASN1ObjectIdentifier(elements: arcs)
    }
}
