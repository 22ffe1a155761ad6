import Digests
import Foundation

/// The last line of a shard file: which items it holds, how many, and a digest of its record
/// lines. A shard file whose trailer matches its lines is complete; anything else is redone.
public struct ShardTrailer: Sendable, Hashable, Codable {
    /// Index of the first item of the shard (the shard's range start).
    public var first: Int
    /// Index of the last item the shard covers (records may be fewer: filtered items have none).
    public var last: Int
    /// Records in the shard.
    public var count: Int
    /// SHA-256 of the record lines (every byte before the trailer), hex.
    public var linesSHA256: String
    /// RFC 6962 root over the CT leaf hashes of the records, when every record is a CT entry.
    public var merkleRoot: String?
    /// Identity of the run that wrote the shard: SHA-256 over its inputs and every option that
    /// shapes the evidence. Shards of one run (workers included) share it; `merge` and
    /// `--resume` refuse a shard of another run. Absent in shards of earlier versions.
    public var run: String?

    static let prefix = "{\"trustauditShard\":"

    func line() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(Self.prefix.utf8) + [UInt8](try encoder.encode(self)) + Array("}\n".utf8)
    }

    /// Whether the numbers can describe a shard: 0 ≤ first ≤ last < Int.max and
    /// 0 ≤ count ≤ last − first + 1. A shard file is input (`merge`, `--resume`, `completeness
    /// --shards`): its readers compute `last + 1` and `last − first + 1`, which must not trap on
    /// an altered trailer such as `"last": 9223372036854775807`.
    var isConsistent: Bool {
        first >= 0 && first <= last && last < Int.max && count >= 0 && count <= last - first + 1
    }

    /// Reads a shard file: its record lines and trailer when the trailer is present, consistent
    /// and matches.
    public static func read(_ path: String) -> (lines: Data, trailer: ShardTrailer)? {
        guard var data = FileManager.default.contents(atPath: path) else { return nil }
        if data.starts(with: Gzip.magic) {
            // A `--shard-gzip` shard: the same bytes, deflated (at most 8 GiB inflated).
            guard case .success(let inflated) = Gzip.inflate([UInt8](data), limit: 1 << 33) else { return nil }
            data = Data(inflated)
        }
        guard data.last == 0x0A else { return nil }
        let body = data.dropLast()
        let start = body.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
        let last = body[start...]
        guard last.starts(with: Array(prefix.utf8)) else { return nil }
        struct Wrapper: Decodable { var trustauditShard: ShardTrailer }
        guard let trailer = try? JSONDecoder().decode(Wrapper.self, from: Data(last)).trustauditShard,
            trailer.isConsistent
        else { return nil }
        let lines = Data(data[data.startIndex..<start])
        let count = lines.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        guard count == trailer.count, SHA256.hex(lines) == trailer.linesSHA256 else { return nil }
        return (lines, trailer)
    }
}
