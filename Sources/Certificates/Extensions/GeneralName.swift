import SwiftASN1

/// A GeneralName (RFC 5280 §4.2.1.6) reduced to what the profile rules look at.
public enum GeneralName: Sendable, Hashable, CustomStringConvertible {
    case rfc822Name(String)
    case dnsName(String)
    case uri(String)
    case ipAddress([UInt8])
    /// The Name, or nil when it cannot be decoded.
    case directoryName(DistinguishedName?)
    case other(tag: UInt)

    init(node: ASN1Node) {
        let tag = node.identifier.tagNumber
        guard node.identifier.tagClass == .contextSpecific else {
            self = .other(tag: tag)
            return
        }
        switch (tag, node.content) {
        case (1, .primitive(let bytes)): self = .rfc822Name(String(decoding: bytes, as: UTF8.self))
        case (2, .primitive(let bytes)): self = .dnsName(String(decoding: bytes, as: UTF8.self))
        case (6, .primitive(let bytes)): self = .uri(String(decoding: bytes, as: UTF8.self))
        case (7, .primitive(let bytes)): self = .ipAddress(Array(bytes))
        case (4, .constructed(let inner)):
            // [4] is EXPLICIT (a CHOICE): the Name is the one element inside.
            self = .directoryName(
                inner.first { _ in true }.flatMap { try? DistinguishedName(node: $0, location: "directoryName") })
        case (4, _): self = .directoryName(nil)
        default: self = .other(tag: tag)
        }
    }

    static func list(_ node: ASN1Node) -> [GeneralName] { LenientASN1.children(node).map(GeneralName.init) }

    public var uri: String? {
        if case .uri(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .rfc822Name(let v): "rfc822Name:\(v)"
        case .dnsName(let v): "dNSName:\(v)"
        case .uri(let v): "URI:\(v)"
        case .ipAddress(let v): "iPAddress:\(v.map(String.init).joined(separator: "."))"
        case .directoryName: "directoryName"
        case .other(let tag): "GeneralName[\(tag)]"
        }
    }
}
