import AuditCore
import Pipeline

/// What a run did: the summary of its records, the items it left out, its shards, and for
/// compact records the plans their digests stand for.
public struct RunReport: Sendable {
    public var summary = RunSummary()
    /// Items a filter left out (no record).
    public var filtered = 0
    /// Items in shards already complete, not checked again.
    public var resumed = 0
    public var shardsWritten = 0
    public var shardsAlreadyComplete = 0
    /// Compact records' plans, by digest.
    public var plans: [String: EvidencePlan] = [:]
    /// Every input file read, in order.
    public var files: [String] = []
    public var samplingRecord: SamplingRecord?

    init(shardsAlreadyComplete: Int) {
        self.shardsAlreadyComplete = shardsAlreadyComplete
    }
}
