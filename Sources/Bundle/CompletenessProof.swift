import Foundation

/// Evidence that every entry of a log up to its tree size was checked: the RFC 6962 leaf hashes
/// of the checked entries, in log order, must rebuild the checkpoint's root. A skipped,
/// duplicated or reordered entry changes the root.
public struct CompletenessProof: Sendable {
    public var entries: UInt64
    public var root: [UInt8]
    public var checkpoint: LogCheckpoint
    /// Records without a CT leaf hash (not CT entries), which the proof cannot count.
    public var recordsWithoutLeaf: Int

    public var isComplete: Bool { entries == checkpoint.treeSize && root == checkpoint.rootHash && recordsWithoutLeaf == 0 }

    /// Reads evidence JSON Lines (records in output order) and rebuilds the tree.
    public static func prove(evidence files: [String], checkpoint: LogCheckpoint) throws -> CompletenessProof {
        var tree = MerkleTreeHash()
        var withoutLeaf = 0
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw BundleError.unreadable(file) }
            defer { try? handle.close() }
            var pending = Data()
            while true {
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = pending[pending.startIndex..<newline]
                    pending = pending[(newline + 1)...]
                    if let hash = leafHash(in: line) { tree.append(leafHash: hash) } else if !line.isEmpty { withoutLeaf += 1 }
                }
                if chunk.isEmpty { break }
            }
        }
        return CompletenessProof(entries: tree.count, root: tree.root, checkpoint: checkpoint, recordsWithoutLeaf: withoutLeaf)
    }

    /// The `leaf <64 hex>` of a record's source locator.
    static func leafHash(in line: Data) -> [UInt8]? {
        guard let source = (try? JSONSerialization.jsonObject(with: line) as? [String: Any])?["source"] as? String,
            let range = source.range(of: ", leaf ", options: .backwards)
        else { return nil }
        let hex = Array(source[range.upperBound...].prefix(64).utf8)
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < 64 {
            guard let value = UInt8(String(decoding: hex[index..<(index + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
            index += 2
        }
        return bytes
    }
}
