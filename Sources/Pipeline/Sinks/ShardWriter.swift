import AuditCore
import Digests
import Foundation

/// Writes a run's records as fixed-size shards (`--shard-size N --shard-dir DIR`): shard k holds
/// the records of items kN … (k+1)N − 1 in input order, in `shard-<first>-<end>.jsonl`, written
/// to a temporary file and renamed when its trailer is written, so a shard file either is
/// complete or does not exist. With `resume`, shards already complete are kept and their items
/// are not checked again. With `gzip`, each shard is one gzip member, `….jsonl.gz`, of the same
/// bytes; every reader of shards (``ShardTrailer/read(_:)``) takes both.
public final class ShardWriter {
    public let size: Int
    public let directory: URL
    /// Shards found complete at start (by shard number).
    public private(set) var completed: Set<Int> = []
    private var current:
        (
            number: Int, handle: FileHandle, gzip: GzipFileWriter?, temporary: URL, digest: SHA256Stream, count: Int,
            last: Int,
            leaves: [[UInt8]]?
        )?
    /// Whether shards are written gzip-compressed (`--shard-gzip`).
    public let gzip: Bool
    public private(set) var written = 0

    /// The run identity written into every trailer (see ``ShardTrailer/run``).
    public let run: String?

    public init(size: Int, directory path: String, resume: Bool, run: String? = nil, gzip: Bool = false) throws {
        self.size = size
        self.run = run
        self.gzip = gzip
        directory = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            let url = directory.appendingPathComponent(name)
            if name.hasSuffix(".tmp") {
                // Left by a killed run (its process is gone); other workers' open files stay.
                if let pid = Self.writer(ofTemporary: name), !ProcessLiveness.isRunning(pid) {
                    try? FileManager.default.removeItem(at: url)
                }
                continue
            }
            guard Self.isShardFile(name) else { continue }
            // Other shard files stay: workers on other ranges write into the same folder; a shard
            // this run writes again replaces its file when complete.
            // `first` is read from the file: the name of its shard ends at first + size, which
            // must fit an Int before it is formatted.
            if resume, let shard = ShardTrailer.read(url.path), shard.trailer.run == run,
                shard.trailer.first % size == 0,
                shard.trailer.first <= Int.max - size,
                name == Self.fileName(number: shard.trailer.first / size, size: size, gzip: gzip)
            {
                completed.insert(shard.trailer.first / size)
                completedVerdicts[shard.trailer.first / size] = Self.verdicts(in: shard.lines)
            }
        }
    }

    static func fileName(number: Int, size: Int, gzip: Bool = false) -> String {
        let first = number * size
        let end = first + size
        return "shard-" + String(format: "%012d", first) + "-" + String(format: "%012d", end)
            + (gzip ? ".jsonl.gz" : ".jsonl")
    }

    /// Whether `name` is a shard file's name, plain or gzip-compressed.
    public static func isShardFile(_ name: String) -> Bool {
        name.hasPrefix("shard-") && (name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.gz"))
    }

    /// The verdicts of the records in each complete shard (by shard number), so that a resumed
    /// run's exit code and summary still account for them.
    public private(set) var completedVerdicts: [Int: [Verdict: Int]] = [:]

    /// Counts the `"verdict":"…"` values of evidence lines (the writer's own format).
    static func verdicts(in lines: Data) -> [Verdict: Int] {
        var counts: [Verdict: Int] = [:]
        let key = Array("\"verdict\":\"".utf8)
        for line in lines.split(separator: 0x0A) {
            guard let range = line.firstRange(of: key) else { continue }
            let word = line[range.upperBound...].prefix { $0 != 0x22 }
            if let verdict = Verdict(rawValue: String(decoding: word, as: UTF8.self)) {
                counts[verdict, default: 0] += 1
            }
        }
        return counts
    }

    /// Whether the item at `index` belongs to a shard already complete (skip checking it).
    public func isDone(_ index: Int) -> Bool { completed.contains(index / size) }

    /// The process that writes a temporary shard file (`<shard>.<pid>-<random>.tmp`).
    static func writer(ofTemporary name: String) -> pid_t? {
        let parts = name.dropLast(4).split(separator: ".").last?.split(separator: "-")
        return parts?.first.flatMap { pid_t($0) }
    }

    /// Accounts for item `index`: its record (`line`; `leafHash` for CT entries), or nil for an
    /// item that was read but has no record (filtered), so the shard still covers its range.
    public func write(index: Int, line: [UInt8]?, leafHash: [UInt8]?) throws {
        let number = index / size
        if current?.number != number {
            try finishCurrent()
            // A name of its own per process: concurrent workers (or two attempts at one shard)
            // never share a temporary file.
            let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let temporary = directory.appendingPathComponent(
                Self.fileName(number: number, size: size, gzip: gzip) + ".\(unique).tmp")
            // The open below says whether the creation worked.
            _ = FileManager.default.createFile(atPath: temporary.path, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: temporary.path) else {
                throw PipelineError.unwritableOutput("cannot open for writing", at: temporary.path)
            }
            current = (
                number, handle, gzip ? try GzipFileWriter(handle: handle) : nil, temporary, SHA256Stream(), 0, index, []
            )
        }
        current!.last = index
        guard let line else { return }
        // The throwing write: FileHandle.write(_:) traps on an I/O error such as a full disk.
        if let compressor = current!.gzip {
            try compressor.write(line)
        } else {
            try current!.handle.write(contentsOf: line)
        }
        current!.digest.update(line)
        current!.count += 1
        if let leafHash { current!.leaves?.append(leafHash) } else { current!.leaves = nil }
    }

    /// Writes the trailer of the open shard and renames it into place.
    public func finishCurrent() throws {
        guard let shard = current else { return }
        current = nil
        var root: String?
        if let leaves = shard.leaves, !leaves.isEmpty {
            var tree = MerkleTreeHash()
            for leaf in leaves { tree.append(leafHash: leaf) }
            root = Hex.string(tree.root)
        }
        let first = shard.number * size
        let trailer = ShardTrailer(
            first: first, last: shard.last, count: shard.count, linesSHA256: shard.digest.hex(), merkleRoot: root,
            run: run)
        if let compressor = shard.gzip {
            try compressor.write(try trailer.line())
            try compressor.finish()
        } else {
            try shard.handle.write(contentsOf: try trailer.line())
        }
        try shard.handle.synchronize()
        try shard.handle.close()
        let final = directory.appendingPathComponent(Self.fileName(number: shard.number, size: size, gzip: gzip))
        // rename(2) replaces an existing file atomically: readers see the old or the new shard.
        guard rename(shard.temporary.path, final.path) == 0 else {
            throw PipelineError.unwritableOutput(
                "cannot rename \(shard.temporary.lastPathComponent) to \(final.lastPathComponent): errno \(errno)")
        }
        written += 1
    }
}
