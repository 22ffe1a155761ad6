import AuditCore
import EvidenceBundle
import Pipeline

/// Where a run's records go, in input order. A sink is used by one run on one thread.
public protocol EvidenceSink: AnyObject {
    /// One item's record: its evidence, its line as the run writes it (full or compact, ending
    /// with a newline), and the item's facts when the settings ask for them (else empty).
    func add(_ evidence: ItemEvidence, line: [UInt8], facts: ItemFacts) throws
    /// The run is over: write what depends on every record and flush.
    func finish(catalogue: Catalogue) throws
}

/// JSON Lines: each record's line as it is.
public final class JSONLinesSink: EvidenceSink {
    private let output: BufferedOutput
    private let destination: String

    /// - Parameters:
    ///   - output: the buffered file or standard output the lines go to.
    ///   - destination: what `output` writes to, for the error that says it could not.
    public init(output: BufferedOutput, destination: String) {
        self.output = output
        self.destination = destination
    }

    public func add(_ evidence: ItemEvidence, line: [UInt8], facts: ItemFacts) throws { try output.write(line) }

    public func finish(catalogue: Catalogue) throws {
        do {
            try output.finish()
        } catch {
            throw RunError.output("cannot write \(destination): \(error)")
        }
    }
}

/// One SARIF 2.1.0 log of every record's failed checks, written when the run ends.
public final class SARIFSink: EvidenceSink {
    private let output: BufferedOutput
    private let destination: String
    private let toolVersion: String
    private var log = SARIFLog()

    public init(output: BufferedOutput, destination: String, toolVersion: String = ToolIdentity.version) {
        self.output = output
        self.destination = destination
        self.toolVersion = toolVersion
    }

    public func add(_ evidence: ItemEvidence, line: [UInt8], facts: ItemFacts) throws { log.add(evidence) }

    public func finish(catalogue: Catalogue) throws {
        do {
            try output.write(log.document(catalogue: catalogue, toolVersion: toolVersion))
            try output.finish()
        } catch {
            throw RunError.output("cannot write \(destination): \(error)")
        }
    }
}

/// Keeps every record in memory (a request's answer).
public final class CollectingSink: EvidenceSink {
    public private(set) var records: [ItemEvidence] = []
    public private(set) var lines: [[UInt8]] = []
    public private(set) var facts: [ItemFacts] = []

    public init() {}

    public func add(_ evidence: ItemEvidence, line: [UInt8], facts: ItemFacts) throws {
        records.append(evidence)
        lines.append(line)
        self.facts.append(facts)
    }

    public func finish(catalogue: Catalogue) throws {}
}
