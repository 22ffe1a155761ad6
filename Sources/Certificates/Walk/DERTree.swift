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

    /// The children of a constructed element one at a time, without an array: names and
    /// extensions are a few hundred small elements per certificate.
    struct Children {
        let reader: TLVReader
        private var index: Int
        private let end: Int
        /// Set when a child could not be read: the walk then answers nil.
        private(set) var failed = false

        /// Nil unless `parent` has tag `tag` and is constructed.
        init?(_ reader: TLVReader, _ parent: TLV, tag: UInt8) {
            guard parent.tag == tag, tag & 0x20 != 0 else { return nil }
            self.reader = reader
            index = parent.contentStart
            end = parent.end
        }

        mutating func next() -> TLV? {
            guard index < end, !failed else { return nil }
            guard let child = reader.element(at: index, limit: end) else {
                failed = true
                return nil
            }
            index = child.end
            return child
        }

        /// True when every child was read and they filled the parent exactly.
        var isComplete: Bool { !failed && index == end }
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
    /// an encoding swift-asn1 would reject and for one the walk leaves to it (see ``readOID(_:_:)``).
    static func objectIdentifier(_ reader: TLVReader, _ element: TLV) -> ASN1ObjectIdentifier? {
        if case .oid(let oid) = readOID(reader, element) { return oid }
        return nil
    }

    /// What swift-asn1 would make of `element` as an OBJECT IDENTIFIER, where lenient readers
    /// treat "not an OID" as an answer: an identifier, not one (another tag, constructed,
    /// empty, a non-minimal or unterminated arc), or undecided (an arc over 56 bits).
    static func readOID(_ reader: TLVReader, _ element: TLV) -> OIDReading {
        guard let content = primitive(reader, element, tag: 0x06), !content.isEmpty else { return .notAnOID }
        if let known = KnownObjectIdentifiers.byContent[content] { return .oid(known) }
        var arcs: [UInt] = []
        var value: UInt = 0
        var octets = 0
        for byte in content {
            if octets == 0 && byte == 0x80 { return .notAnOID }
            octets += 1
            guard octets <= 8 else { return .undecided }
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
        guard octets == 0 else { return .notAnOID }
        guard let oid = try? ASN1ObjectIdentifier(elements: arcs) else { return .undecided }
        return .oid(oid)
    }

    enum OIDReading {
        case oid(ASN1ObjectIdentifier)
        case notAnOID
        case undecided
    }

    // MARK: the lenient readings of LenientASN1, over TLVs

    /// The element an extension value (or another embedded DER value) consists of, when
    /// swift-asn1 would parse it as DER or BER and give the tree the walk reads.
    static func embeddedRoot(_ reader: TLVReader, _ value: ArraySlice<UInt8>) -> TLV? {
        guard let root = reader.element(at: value.startIndex, limit: value.endIndex), root.end == value.endIndex,
            parsesAsTree(reader, root)
        else { return nil }
        return root
    }

    /// `LenientASN1.children`: the children of a constructed element, none of a primitive one.
    /// For elements under an ``embeddedRoot(_:_:)`` or a walked certificate, whose contents
    /// were checked to fill exactly.
    static func lenientChildren(_ reader: TLVReader, _ element: TLV) -> [TLV] {
        Array(lenient(reader, element))
    }

    /// ``lenientChildren(_:_:)`` without the array, for loops and searches.
    static func lenient(_ reader: TLVReader, _ element: TLV) -> LenientChildren {
        LenientChildren(
            reader: reader, start: element.tag & 0x20 != 0 ? element.contentStart : element.end, end: element.end)
    }

    struct LenientChildren: Sequence, IteratorProtocol {
        let reader: TLVReader
        var start: Int
        let end: Int

        mutating func next() -> TLV? {
            guard start < end, let child = reader.element(at: start, limit: end) else { return nil }
            start = child.end
            return child
        }
    }

    /// `LenientASN1.string`: the content of a primitive element of any tag, as UTF-8.
    static func lenientString(_ reader: TLVReader, _ element: TLV) -> String? {
        guard element.tag & 0x20 == 0 else { return nil }
        return String(decoding: reader.content(element), as: UTF8.self)
    }

    /// `LenientASN1.integer`: a primitive INTEGER of one to eight octets.
    static func lenientInteger(_ reader: TLVReader, _ element: TLV) -> Int? {
        guard element.tag == 0x02, (1...8).contains(element.end - element.contentStart) else { return nil }
        let bytes = reader.content(element)
        var value = bytes.first! & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = value << 8 | Int(byte) }
        return value
    }

    /// Whether the element's identifier (tag number and class, not the constructed bit) is
    /// the universal one with `number`.
    static func isUniversal(_ element: TLV, _ number: UInt8) -> Bool { element.tag & 0xDF == number }
}
