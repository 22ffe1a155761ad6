import AuditCore
import Foundation
import Pipeline

/// Evidence that every entry of a log up to its tree size was checked: the RFC 6962 leaf hashes
/// of the checked entries, in log order, must rebuild the checkpoint's root. A skipped,
/// duplicated or reordered entry changes the root.
public struct CompletenessProof: Sendable {
    public var entries: UInt64
    public var root: [UInt8]
    public var checkpoint: LogCheckpoint
    /// Records without a CT leaf hash (not CT entries), which the proof cannot count.
    public var recordsWithoutLeaf: Int

    public var isComplete: Bool {
        entries == checkpoint.treeSize && root == checkpoint.rootHash && recordsWithoutLeaf == 0
    }

    /// Reads evidence JSON Lines (records in output order) and rebuilds the tree.
    public static func prove(evidence files: [String], checkpoint: LogCheckpoint) throws -> CompletenessProof {
        var tree = MerkleTreeHash()
        var withoutLeaf = 0
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw BundleError.unreadable(file) }
            defer { try? handle.close() }
            let lines = ByteLineReader(handle: handle)
            while let (line, _) = lines.nextLine() {
                if let hash = leafHash(in: Data(line)) {
                    tree.append(leafHash: hash)
                } else if !line.isEmpty {
                    withoutLeaf += 1
                }
            }
            // A read error ends the lines early: no proof from part of a file.
            if let error = lines.readError { throw BundleError.unreadable("\(file): \(error)") }
        }
        return CompletenessProof(
            entries: tree.count, root: tree.root, checkpoint: checkpoint, recordsWithoutLeaf: withoutLeaf)
    }

    /// Combines the Merkle roots of a sharded run's trailers (`--shard-size` a power of two; every
    /// shard full but the last) instead of reading the records.
    public static func prove(shards directory: String, checkpoint: LogCheckpoint) throws -> CompletenessProof {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter(ShardWriter.isShardFile).sorted()
        var tree = MerkleTreeHash()
        var next = 0
        var withoutLeaf = 0
        for name in names {
            guard let shard = ShardTrailer.read((directory as NSString).appendingPathComponent(name)) else {
                throw BundleError.unreadable("\(name): no valid trailer")
            }
            guard shard.trailer.first == next else {
                throw BundleError.unreadable("\(name): starts at \(shard.trailer.first), expected \(next)")
            }
            next = shard.trailer.last + 1
            // A shard with fewer records than items (a filtered run) cannot prove its range.
            guard shard.trailer.count == shard.trailer.last - shard.trailer.first + 1,
                let root = shard.trailer.merkleRoot,
                let bytes = Hex.bytes(root)
            else {
                withoutLeaf += shard.trailer.count
                continue
            }
            tree.append(shardRoot: bytes, size: UInt64(shard.trailer.count))
        }
        return CompletenessProof(
            entries: tree.count, root: tree.root, checkpoint: checkpoint, recordsWithoutLeaf: withoutLeaf)
    }

    /// The `leaf <64 hex>` of a record's source locator.
    static func leafHash(in line: Data) -> [UInt8]? {
        guard let source = (try? JSONSerialization.jsonObject(with: line) as? [String: Any])?["source"] as? String
        else { return nil }
        return CTEntries.leafHash(inSource: source)
    }
}
