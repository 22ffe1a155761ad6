/// Why bytes could not be decoded as a certificate (structure, not profile): the one error
/// type of this module. Decoding failures reach the evidence as findings, never as crashes.
public struct CertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Value: String, Sendable, Hashable {
            case notDecodable, unexpectedStructure
        }
        fileprivate let value: Value
        /// The bytes are not a BER/DER TLV tree at all.
        public static let notDecodable = Code(value: .notDecodable)
        /// A TLV tree, but not shaped like a certificate.
        public static let unexpectedStructure = Code(value: .unexpectedStructure)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let reason: String
    /// Where in the certificate, e.g. `tbsCertificate.validity` or `byte 12`.
    public let location: String

    public var description: String { "\(location): \(reason)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    @inline(never)
    public static func notDecodable(_ reason: String, at location: String = "certificate") -> Self {
        .init(code: .notDecodable, reason: reason, location: location)
    }

    @inline(never)
    public static func unexpectedStructure(_ reason: String, at location: String) -> Self {
        .init(code: .unexpectedStructure, reason: reason, location: location)
    }
}
