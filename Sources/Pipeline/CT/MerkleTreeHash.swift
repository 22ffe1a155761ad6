import Digests

/// The RFC 6962 §2.1 Merkle Tree Hash of a sequence of leaf hashes, computed in one pass with
/// memory for one node per level (a compact range of perfect subtrees, merged right to left at
/// the end — the same tree as the recursive definition with k = the largest power of two < n).
public struct MerkleTreeHash: Sendable {
    /// Perfect subtrees, left to right: (number of leaves, hash).
    private var stack: [(size: UInt64, hash: [UInt8])] = []
    public private(set) var count: UInt64 = 0

    public init() {}

    /// Appends a leaf by its leaf hash (SHA-256(0x00 ‖ leaf)).
    public mutating func append(leafHash: [UInt8]) {
        stack.append((1, leafHash))
        count += 1
        while stack.count >= 2, stack[stack.count - 1].size == stack[stack.count - 2].size {
            let right = stack.removeLast()
            let left = stack.removeLast()
            stack.append((left.size * 2, Self.node(left.hash, right.hash)))
        }
    }

    /// Appends a whole shard by its root: a perfect subtree of `size` leaves (a power of two,
    /// at a position that is a multiple of it), or — last — the tail shard of any smaller size,
    /// whose root is the MTH of its leaves.
    public mutating func append(shardRoot: [UInt8], size: UInt64) {
        guard size > 0 else { return }
        if size & (size - 1) != 0 {
            stack.append((size, shardRoot)) // the tail: never merged, folded last
            count += size
            return
        }
        stack.append((size, shardRoot))
        count += size
        while stack.count >= 2, stack[stack.count - 1].size == stack[stack.count - 2].size {
            let right = stack.removeLast()
            let left = stack.removeLast()
            stack.append((left.size * 2, Self.node(left.hash, right.hash)))
        }
    }

    /// MTH of the leaves appended so far (SHA-256 of nothing for none).
    public var root: [UInt8] {
        guard var hash = stack.last?.hash else { return Self.sha256([]) }
        for subtree in stack.dropLast().reversed() { hash = Self.node(subtree.hash, hash) }
        return hash
    }

    static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { sha256([0x01] + left + right) }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { SHA256.digest(bytes) }
}
