import Dispatch
import Synchronization

/// Runs a pure transform over a stream of inputs on several threads and hands the results on in
/// input order, holding at most one batch in memory.
///
/// Each batch is processed with `DispatchQueue.concurrentPerform`; the workers claim items one
/// at a time from a shared counter (so a slow trusted list does not idle the other cores) and
/// write each result to its own slot. Output order — and so output bytes — do not depend on
/// `jobs`.
public struct OrderedParallelExecutor: Sendable {
    public let jobs: Int
    /// Items per batch.
    public let batchSize: Int
    /// A batch also ends once its inputs hold this many bytes (large trusted lists).
    public let batchBytes: Int

    public init(jobs: Int, batchSize: Int? = nil, batchBytes: Int = 64 << 20) {
        self.jobs = max(1, jobs)
        self.batchSize = batchSize ?? max(64, 128 * max(1, jobs))
        self.batchBytes = batchBytes
    }

    /// Pulls inputs from `next` until it returns nil, transforms them, and calls `emit` with each
    /// result in input order.
    ///
    /// - Parameters:
    ///   - size: the byte size of an input, for the batch byte bound.
    public func run<Input, Output: Sendable>(
        next: () -> Input?, size: (Input) -> Int, transform: @Sendable (Input) -> Output,
        emit: (Output) throws -> Void
    ) rethrows where Input: Sendable {
        var batch: [Input] = []
        batch.reserveCapacity(batchSize)
        var bytes = 0
        while true {
            let input = next()
            if let input {
                bytes += size(input)
                batch.append(input)
            }
            guard input == nil || batch.count >= batchSize || bytes >= batchBytes else { continue }
            for output in process(batch, transform) { try emit(output) }
            batch.removeAll(keepingCapacity: true)
            bytes = 0
            if input == nil { return }
        }
    }

    private func process<Input: Sendable, Output: Sendable>(
        _ batch: [Input], _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        guard jobs > 1, batch.count > 1 else { return batch.map(transform) }
        let slots = UnsafeMutableBufferPointer<Output>.allocate(capacity: batch.count)
        defer { slots.deallocate() }
        let counter = Atomic<Int>(0)
        // concurrentPerform's closure is @Sendable; each slot is written by exactly one worker
        // and read only after concurrentPerform returns.
        nonisolated(unsafe) let destination = slots.baseAddress!
        DispatchQueue.concurrentPerform(iterations: min(jobs, batch.count)) { _ in
            while true {
                let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < batch.count else { return }
                (destination + index).initialize(to: transform(batch[index]))
            }
        }
        let results = Array(slots)
        _ = slots.deinitialize()
        return results
    }
}
