import AuditCore
import Digests
import Foundation

/// One pass over a population of any size, keeping a uniform random sample of fixed size
/// (reservoir sampling, Vitter's Algorithm R, with ``SplitMix64``), and the population's count
/// and digest (SHA-256 over the items' SHA-256 digests, in input order).
public final class ReservoirSampler {
    /// A kept item with its position in the population.
    public struct Sampled: Sendable {
        public var populationIndex: Int
        public var source: String
        public var sha256: String
        public var bytes: [UInt8]
    }

    public let size: Int
    private var random: SplitMix64
    public private(set) var count = 0
    private var reservoir: [Sampled] = []
    private let population = SHA256Stream()

    public init(size: Int, seed: String) {
        self.size = size
        random = SplitMix64(seed: seed)
    }

    /// Offers the next population item.
    public func offer(source: String, bytes: [UInt8]) {
        let digest = SHA256.digest(bytes)
        population.update(digest)
        let item = Sampled(populationIndex: count, source: source, sha256: Hex.string(digest), bytes: bytes)
        if reservoir.count < size {
            reservoir.append(item)
        } else {
            let slot = Int(random.uniform(through: UInt64(count)))
            if slot < size { reservoir[slot] = item }
        }
        count += 1
    }

    /// The sample in population order, and the population digest (hex).
    public func finish() -> (sample: [Sampled], populationSHA256: String) {
        (reservoir.sorted { $0.populationIndex < $1.populationIndex }, population.hex())
    }
}
