/// Why bytes could not be read as a time-stamp token or response: the one error type of this
/// module. It reaches the evidence as a finding.
public struct TimestampError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public let location: String

    public var description: String { "\(location): \(reason)" }

    @inline(never)
    public static func unexpectedStructure(_ reason: String, at location: String) -> Self {
        .init(reason: reason, location: location)
    }
}
