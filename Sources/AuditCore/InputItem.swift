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
    /// Where a Certificate Transparency entry put the item, when it came from one.
    public var origin: ItemOrigin?

    public init(index: Int, source: String, bytes: [UInt8], problem: String? = nil, origin: ItemOrigin? = nil) {
        self.index = index
        self.source = source
        self.bytes = bytes
        self.problem = problem
        self.origin = origin
    }
}

/// The log entry a certificate came from: its type (the final certificate of an `x509_entry`,
/// the pre-certificate of a `precert_entry`) and the chain the log stored with it, issuer first.
public struct ItemOrigin: Sendable, Hashable {
    public var logEntryType: String
    public var chain: [[UInt8]]

    public init(logEntryType: String, chain: [[UInt8]]) {
        self.logEntryType = logEntryType
        self.chain = chain
    }
}
