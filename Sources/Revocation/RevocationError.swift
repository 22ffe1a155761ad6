/// Why a CRL or an OCSP response (or a part of one) could not be read: what was expected and
/// where, as an item offset or a field path an auditor can find in the artefact.
public struct RevocationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var location: String

    public init(_ reason: String, at location: String) {
        self.reason = reason
        self.location = location
    }

    public var description: String { "\(reason) (at \(location))" }
}
