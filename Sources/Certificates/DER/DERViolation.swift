/// One place where bytes that should be DER are not.
public struct DERViolation: Sendable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the item.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// The location as written in evidence.
    public var location: String { "byte \(offset)" }

    public var description: String { "\(location): \(message)" }
}
