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
    /// With one job everything runs on the calling thread, so a one-job rate is a one-core rate.
    /// With more, the calling thread reads the next batch and emits the previous one while the
    /// workers transform the current one: reading and writing are serial, and overlapping them
    /// with the parallel part is what lets two cores do twice the work.
    ///
    /// - Parameters:
    ///   - next: the next input, or nil at the end; called on the calling thread only.
    ///   - size: the byte size of an input, for the batch byte bound.
    ///   - transform: the work done on the workers, one input at a time.
    ///   - emit: receives every output in input order, on the calling thread.
    public func run<Input, Output: Sendable>(
        next: () -> Input?, size: (Input) -> Int, transform: @escaping @Sendable (Input) -> Output,
        emit: (Output) throws -> Void
    ) rethrows where Input: Sendable {
        guard jobs > 1 else {
            while true {
                let (batch, finished) = readBatch(next, size)
                for input in batch { try emit(transform(input)) }
                if finished { return }
            }
        }
        var inFlight: BatchInFlight<Input, Output>?
        // Whatever happens to `emit`, no worker may outlive this call.
        defer { inFlight?.wait() }
        while true {
            let (batch, finished) = readBatch(next, size)
            let previous = inFlight
            inFlight = batch.isEmpty ? nil : BatchInFlight(batch, jobs: jobs, transform: transform)
            if let previous {
                for output in previous.results() { try emit(output) }
            }
            if finished { break }
        }
        if let last = inFlight {
            inFlight = nil
            for output in last.results() { try emit(output) }
        }
    }

    /// The next batch: up to `batchSize` inputs or `batchBytes` bytes; `finished` when `next`
    /// ran out.
    private func readBatch<Input>(_ next: () -> Input?, _ size: (Input) -> Int) -> (batch: [Input], finished: Bool) {
        var batch: [Input] = []
        batch.reserveCapacity(batchSize)
        var bytes = 0
        while batch.count < batchSize && bytes < batchBytes {
            guard let input = next() else { return (batch, true) }
            bytes += size(input)
            batch.append(input)
        }
        return (batch, false)
    }
}

/// One batch being transformed on the workers: each result has its own slot, written by exactly
/// one worker and read only after all of them are done.
private final class BatchInFlight<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Output>
    private let group = DispatchGroup()
    private var collected = false

    init(_ batch: [Input], jobs: Int, transform: @escaping @Sendable (Input) -> Output) {
        slots = .allocate(capacity: batch.count)
        // The block holds the batch object (and so its slots) until the workers are done; the
        // slots are reached through it because a raw pointer is not Sendable.
        let box = self
        DispatchQueue.global().async(group: group) {
            let counter = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(jobs, batch.count)) { _ in
                while true {
                    let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < batch.count else { return }
                    (box.slots.baseAddress! + index).initialize(to: transform(batch[index]))
                }
            }
        }
    }

    /// Waits for the workers and hands the results over (once).
    func results() -> [Output] {
        group.wait()
        collected = true
        let results = Array(slots)
        _ = slots.deinitialize()
        return results
    }

    func wait() { group.wait() }

    deinit {
        // The workers' block holds this object, so they are done when it goes.
        if !collected { _ = slots.deinitialize() }
        slots.deallocate()
    }
}
