/// What a report shows about an item beside its evidence — its validity period and subject —
/// so that an auditor can see at a glance what was sampled. Not part of the evidence record.
public struct ItemFacts: Sendable, Hashable {
    /// Start of validity (certificates), ISO 8601.
    public var notBefore: String?
    /// End of validity (certificates), ISO 8601.
    public var notAfter: String?
    /// A short subject (`CN=…, O=…, C=…`).
    public var subject: String?

    public init(notBefore: String? = nil, notAfter: String? = nil, subject: String? = nil) {
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subject = subject
    }
}
