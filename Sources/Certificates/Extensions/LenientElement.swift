import DERWalk
import SwiftASN1

/// An element read the lenient way (``LenientASN1``): a swift-asn1 node, or a TLV of DER the
/// walking decoder checked. Readers of statement info are written once over this protocol and
/// give the same values from either.
protocol LenientElement {
    /// The children of a constructed element; none of a primitive one.
    var lenientChildren: [Self] { get }
    /// The OBJECT IDENTIFIER swift-asn1 reads from the element, if it is one.
    var lenientOID: ASN1ObjectIdentifier? { get }
    /// The content of a primitive element of any tag, as UTF-8.
    var lenientString: String? { get }
    /// A primitive INTEGER of one to eight octets.
    var lenientInteger: Int? { get }
    /// Whether the element is tagged [UNIVERSAL 2].
    var isInteger: Bool { get }
}

extension ASN1Node: LenientElement {
    var lenientChildren: [ASN1Node] { LenientASN1.children(self) }
    var lenientOID: ASN1ObjectIdentifier? { LenientASN1.oid(self) }
    var lenientString: String? { LenientASN1.string(self) }
    var lenientInteger: Int? { LenientASN1.integer(self) }
    var isInteger: Bool { identifier == .integer }
}

/// An element inside a value the walking decoder checked (``DERTree/embeddedRoot(_:_:)``),
/// with the bytes it points into.
struct WalkedElement: LenientElement, Sendable {
    let reader: TLVReader
    let tlv: TLV

    var lenientChildren: [WalkedElement] {
        DERTree.lenient(reader, tlv).map { WalkedElement(reader: reader, tlv: $0) }
    }

    var lenientOID: ASN1ObjectIdentifier? {
        switch DERTree.readOID(reader, tlv) {
        case .oid(let oid): return oid
        case .notAnOID: return nil
        case .undecided:
            // An arc over 56 bits: swift-asn1 decides, from the same bytes.
            return (try? DER.parse(reader.bytes[tlv.encoded])).flatMap(LenientASN1.oid)
        }
    }

    var lenientString: String? { DERTree.lenientString(reader, tlv) }
    var lenientInteger: Int? { DERTree.lenientInteger(reader, tlv) }
    var isInteger: Bool { DERTree.isUniversal(tlv, 2) }
}
