import DERWalk
import SwiftASN1

/// One X.509 Extension of a CRL, a CRL entry or an OCSP response (RFC 5280 §4.1: extnID,
/// critical DEFAULT FALSE, extnValue), as offsets into the item.
public struct RevocationExtension: Sendable, Hashable {
    /// The raw content octets of extnID (compared without decoding on the per-entry path).
    public var identifier: ArraySlice<UInt8>
    public var critical: Bool
    /// The extnValue OCTET STRING content: the DER of the extension's own value.
    public var value: TLV
    /// The whole Extension SEQUENCE.
    public var element: TLV

    /// extnID in dotted form, or its hex when it is not a valid OID.
    public var dotted: String {
        ObjectIdentifierText.dotted(identifier)
    }

    /// Reads the Extensions SEQUENCE `list`; nil with the reason when an element is malformed.
    static func list(_ list: TLV, in reader: TLVReader) -> Result<[RevocationExtension], RevocationError> {
        guard list.tag == 0x30 else {
            return .failure(RevocationError("Extensions is not a SEQUENCE", at: "byte \(list.start)"))
        }
        var result: [RevocationExtension] = []
        var index = list.contentStart
        while index < list.end {
            guard let element = reader.element(at: index, limit: list.end), element.tag == 0x30 else {
                return .failure(RevocationError("an Extension is not a readable SEQUENCE", at: "byte \(index)"))
            }
            let fields = reader.children(of: element)
            guard fields.count == 2 || fields.count == 3, fields[0].tag == 0x06, fields.last!.tag == 0x04,
                fields.count == 2 || fields[1].tag == 0x01
            else {
                return .failure(
                    RevocationError("an Extension is not { extnID, critical, extnValue }", at: "byte \(index)"))
            }
            let critical = fields.count == 3 ? reader.boolean(fields[1]) ?? false : false
            result.append(
                RevocationExtension(
                    identifier: reader.content(fields[0]), critical: critical, value: fields.last!, element: element))
            index = element.end
        }
        return .success(result)
    }
}

/// Dotted text of OBJECT IDENTIFIER content octets, for evidence.
public enum ObjectIdentifierText {
    public static func dotted(_ content: ArraySlice<UInt8>) -> String {
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in content {
            guard value >> 57 == 0 else { return "0x" + content.map { hex($0) }.joined() }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                arcs.append(value)
                value = 0
            }
        }
        guard let first = arcs.first, content.last.map({ $0 & 0x80 == 0 }) == true else {
            return "0x" + content.map { hex($0) }.joined()
        }
        let head: [UInt64] = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]
        return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }

    /// The content octets of a dotted OID (for constants; traps on a malformed literal).
    public static func content(_ dotted: String) -> [UInt8] {
        let oid = try! ASN1ObjectIdentifier(dotRepresentation: dotted)
        var serializer = DER.Serializer()
        try! serializer.serialize(oid)
        return Array(serializer.serializedBytes.dropFirst(2))
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
