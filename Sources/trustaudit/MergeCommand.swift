import ArgumentParser
import Foundation
import Pipeline

/// `trustaudit merge`: joins the shards of a run into one evidence file, checking that they are
/// complete, contiguous and counted.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Join the shard files of a sharded run into one JSON Lines evidence file, checking trailers, counts and contiguity.",
        discussion:
            "Exit codes: 0 merged, 1 a shard is missing, incomplete or out of sequence (nothing is written), 2 usage error."
    )

    @Argument(help: "The --shard-dir of the run.")
    var directory: String

    @Option(name: .long, help: "Write the merged records here instead of stdout.")
    var out: String?

    @Option(
        name: .long,
        help: "The number of items the run had, when known: the merge then also proves none is missing at the end.")
    var expectItems: Int?

    func run() throws {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter(ShardWriter.isShardFile).sorted()
        guard !names.isEmpty else { throw ValidationError("\(directory) holds no shard-*.jsonl file") }
        var next = 0
        var parts: [Data] = []
        var problems: [String] = []
        var run: (identity: String?, shard: String)?
        for name in names {
            guard let shard = ShardTrailer.read((directory as NSString).appendingPathComponent(name)) else {
                problems.append("\(name): no valid trailer (incomplete or altered)")
                continue
            }
            if let run, run.identity != shard.trailer.run {
                problems.append("\(name): written by another run than \(run.shard) (different inputs or options)")
            } else if run == nil {
                run = (shard.trailer.run, name)
            }
            if shard.trailer.first < next {
                problems.append(
                    "\(name): starts at item \(shard.trailer.first), inside the previous shard (items up to \(next - 1)): shards overlap"
                )
            } else if shard.trailer.first > next {
                problems.append("\(name): starts at item \(shard.trailer.first), expected \(next) (a shard is missing)")
            }
            next = max(next, shard.trailer.last + 1)
            parts.append(shard.lines)
        }
        if let expectItems, next != expectItems {
            problems.append("the shards end at item \(next), the run had \(expectItems)")
        }
        guard problems.isEmpty else {
            FileHandle.standardError.write(
                Data(
                    ("trustaudit merge: not merged\n" + problems.map { "  " + $0 }.joined(separator: "\n") + "\n").utf8)
            )
            throw ExitCode(Exit.nonConformities)
        }
        let output = try out.map { try BufferedOutput(path: $0) } ?? BufferedOutput(handle: .standardOutput)
        for part in parts { try output.write([UInt8](part)) }
        try output.finish()
        FileHandle.standardError.write(Data("trustaudit merge: \(names.count) shard(s), items 0…\(next - 1)\n".utf8))
    }
}
