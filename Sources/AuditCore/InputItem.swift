/// One submitted item: its exact bytes and where they came from.
public struct InputItem: Sendable {
    /// Position in the run's input order, from 0.
    public var index: Int
    /// `certs.pem#3`, `dir/a.der`, `-#2` (stdin).
    public var source: String
    public var bytes: [UInt8]
    /// Set when the container could not yield the item's bytes (invalid base64 in a PEM block,
    /// a block without END, an unreadable file); the item is then recorded as unrecognised.
    public var problem: String?

    public init(index: Int, source: String, bytes: [UInt8], problem: String? = nil) {
        self.index = index
        self.source = source
        self.bytes = bytes
        self.problem = problem
    }
}
