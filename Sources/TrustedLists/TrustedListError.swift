/// Why a trusted list could not be read: the one error type of this module. It reaches the
/// evidence as a finding (TL-002), never as a crash.
public struct TrustedListError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    /// `line L, column C` or `byte N`.
    public let location: String

    public var description: String { "\(location): \(reason)" }

    @inline(never)
    public static func notWellFormed(_ reason: String, at location: String) -> Self {
        .init(reason: reason, location: location)
    }
}
