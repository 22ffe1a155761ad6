import Foundation
import TestSupport
import Testing

/// Deterministic shards (issue #8): shard files with trailers, written atomically; merge equals
/// the unsharded run byte for byte; workers on ranges; `--resume` after kill -9 loses and
/// duplicates nothing.
@Suite(.serialized) struct ShardTests {
    typealias CLI = CommandLineTests
    static let at = "2026-06-01T12:00:00Z"

    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trustaudit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func shardFiles(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".jsonl") }
            .sorted()
    }

    @Test func shardsMergeToTheUnshardedRunAndRerunIdentically() throws {
        let inputs = [
            Repository.testVectors.appendingPathComponent("certificates").path,
            Repository.testVectors.appendingPathComponent("timestamps").path,
        ]
        let work = try Self.folder("shards")
        defer { try? FileManager.default.removeItem(at: work) }
        let whole = try CLI.run(["check", "--quiet", "--at", Self.at] + inputs)
        let first = work.appendingPathComponent("first")
        let second = work.appendingPathComponent("second")
        for dir in [first, second] {
            _ = try CLI.run(
                [
                    "check", "--quiet", "--at", Self.at, "--jobs", dir == first ? "1" : "2", "--shard-size", "20",
                    "--shard-dir", dir.path,
                ] + inputs)
        }
        let names = Self.shardFiles(first)
        #expect(names.count == (whole.lines.count + 19) / 20)
        #expect(names.first == "shard-000000000000-000000000020.jsonl")
        for name in names {
            #expect(
                try Data(contentsOf: first.appendingPathComponent(name))
                    == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
        let merged = try CLI.run(["merge", "--expect-items", String(whole.lines.count), first.path])
        #expect(merged.status == 0)
        #expect(merged.stdout == whole.stdout)

        // Workers on ranges write into one folder; together they are the whole run.
        let workers = work.appendingPathComponent("workers")
        for range in ["0-60", "60-120", "120-\(((whole.lines.count + 19) / 20) * 20)"] {
            _ = try CLI.run(
                [
                    "check", "--quiet", "--at", Self.at, "--shard-size", "20", "--shard-dir", workers.path, "--shard",
                    range,
                ] + inputs)
        }
        #expect(try CLI.run(["merge", workers.path]).stdout == whole.stdout)

        // Workers running at the same time in one folder do not disturb each other's files.
        let concurrent = work.appendingPathComponent("concurrent")
        let end = ((whole.lines.count + 19) / 20) * 20
        let processes = ["0-\(end / 40 * 20)", "\(end / 40 * 20)-\(end)"].map { range -> Process in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments =
                [
                    "check", "--quiet", "--at", Self.at, "--jobs", "1", "--shard-size", "20", "--shard-dir",
                    concurrent.path, "--shard", range,
                ] + inputs
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus <= 1 })
        #expect(
            try CLI.run(["merge", "--expect-items", String(whole.lines.count), concurrent.path]).stdout == whole.stdout)

        // Filtered items have no record but their shard still covers them: the shards stay contiguous.
        let filtered = work.appendingPathComponent("filtered")
        let etsiOnly = try CLI.run(["check", "--quiet", "--at", Self.at, "--only-etsi"] + inputs)
        _ = try CLI.run(
            ["check", "--quiet", "--at", Self.at, "--only-etsi", "--shard-size", "20", "--shard-dir", filtered.path]
                + inputs)
        let mergedFiltered = try CLI.run(["merge", "--expect-items", String(whole.lines.count), filtered.path])
        #expect(mergedFiltered.status == 0, "\(mergedFiltered.stderr)")
        #expect(mergedFiltered.stdout == etsiOnly.stdout)

        // A missing or altered shard stops the merge.
        try FileManager.default.removeItem(at: workers.appendingPathComponent(names[1]))
        let gap = try CLI.run(["merge", workers.path])
        #expect(gap.status == 1)
        #expect(gap.stderr.contains("a shard is missing"))
        #expect(gap.stdout.isEmpty)
        var bytes = [UInt8](try Data(contentsOf: first.appendingPathComponent(names[0])))
        bytes[10] ^= 0x01
        try Data(bytes).write(to: first.appendingPathComponent(names[0]))
        #expect(try CLI.run(["merge", first.path]).stderr.contains("no valid trailer"))
    }

    @Test func resumeAfterKillMinus9LosesAndDuplicatesNothing() throws {
        let work = try Self.folder("resume")
        defer { try? FileManager.default.removeItem(at: work) }
        let certificate = Data(try Repository.der("certificates/etsi/qcp-n-qscd__ok.pem")).base64EncodedString()
        let population = work.appendingPathComponent("population.txt")
        try Data(String(repeating: certificate + "\n", count: 6000).utf8).write(to: population)
        let reference = work.appendingPathComponent("reference")
        let interrupted = work.appendingPathComponent("interrupted")
        let arguments = ["check", "--quiet", "--at", Self.at, "--jobs", "2", "--shard-size", "200"]
        _ = try CLI.run(arguments + ["--shard-dir", reference.path, population.path])
        let total = Self.shardFiles(reference).count
        #expect(total == 30)

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments + ["--shard-dir", interrupted.path, population.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while Self.shardFiles(interrupted).count < 3, process.isRunning, waited < 60_000 {
            usleep(10_000)
            waited += 10
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = Self.shardFiles(interrupted).count
        #expect(before >= 3 && before < total, "the run must be killed mid-way (had \(before) of \(total) shards)")

        let resumed = try CLI.run(arguments + ["--resume", "--shard-dir", interrupted.path, population.path])
        #expect(resumed.status <= 1)
        #expect(Self.shardFiles(interrupted) == Self.shardFiles(reference))
        #expect(
            !((try? FileManager.default.contentsOfDirectory(atPath: interrupted.path)) ?? []).contains {
                $0.hasSuffix(".tmp")
            })
        for name in Self.shardFiles(reference) {
            #expect(
                try Data(contentsOf: interrupted.appendingPathComponent(name))
                    == Data(contentsOf: reference.appendingPathComponent(name)), "\(name)")
        }
        #expect(try CLI.run(["merge", "--expect-items", "6000", interrupted.path]).status == 0)
    }

    /// `--shard-gzip` (issue #17): each shard is one gzip member of the plain shard's bytes;
    /// merge and --resume read it; a gzip run resumes its own shards only.
    @Test func gzipShardsHoldThePlainBytesAndMergeAndResume() throws {
        let inputs = [Repository.testVectors.appendingPathComponent("certificates").path]
        let work = try Self.folder("gzip-shards")
        defer { try? FileManager.default.removeItem(at: work) }
        let plain = work.appendingPathComponent("plain")
        let packed = work.appendingPathComponent("packed")
        let whole = try CLI.run(["check", "--quiet", "--at", Self.at] + inputs)
        _ = try CLI.run(
            ["check", "--quiet", "--at", Self.at, "--shard-size", "50", "--shard-dir", plain.path] + inputs)
        _ = try CLI.run(
            ["check", "--quiet", "--at", Self.at, "--shard-size", "50", "--shard-dir", packed.path, "--shard-gzip"]
                + inputs)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: packed.path)) ?? []).sorted()
        #expect(!names.isEmpty && names.allSatisfy { $0.hasSuffix(".jsonl.gz") })
        #expect(names.map { String($0.dropLast(3)) } == Self.shardFiles(plain))
        var packedBytes = 0
        var plainBytes = 0
        for name in names {
            let gz = try Data(contentsOf: packed.appendingPathComponent(name))
            #expect(gz.starts(with: [0x1F, 0x8B]))
            packedBytes += gz.count
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            unzip.arguments = ["-dc", packed.appendingPathComponent(name).path]
            let pipe = Pipe()
            unzip.standardOutput = pipe
            try unzip.run()
            let inflated = pipe.fileHandleForReading.readDataToEndOfFile()
            unzip.waitUntilExit()
            let original = try Data(contentsOf: plain.appendingPathComponent(String(name.dropLast(3))))
            plainBytes += original.count
            #expect(inflated == original, "\(name)")
        }
        #expect(packedBytes * 5 < plainBytes)
        let merged = try CLI.run(["merge", "--expect-items", String(whole.lines.count), packed.path])
        #expect(merged.status == 0)
        #expect(merged.stdout == whole.stdout)
        // A resumed gzip run keeps the complete shards: it checks nothing again.
        let resumed = try CLI.run(
            ["check", "--at", Self.at, "--shard-size", "50", "--shard-dir", packed.path, "--shard-gzip", "--resume"]
                + inputs)
        #expect(resumed.stderr.contains("0 written"))
        #expect(resumed.stderr.contains("\(names.count) already complete"))
    }
}
