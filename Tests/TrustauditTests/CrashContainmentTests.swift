import Foundation
import TestSupport
import Testing

/// Issue #14: a checker crash costs one item, not the run. A test-only hook (debug builds,
/// TRUSTAUDIT_TEST_TRAP_SHA256) makes checking one chosen item trap like a checker bug; the
/// supervised run must still write every record, the crashed item's as INPUT-002 with outcome
/// error, all others byte for byte as in a run without the trap, and exit 2.
@Suite(.serialized) struct CrashContainmentTests {
    typealias CLI = CommandLineTests

    /// A folder of the project's own certificate vectors (many items, one file each).
    static func folder() -> String { Repository.testVectors.appendingPathComponent("certificates/etsi").path }

    static func lines(_ run: CLI.Run) -> [Substring] {
        String(decoding: run.stdout, as: UTF8.self).split(separator: "\n")
    }

    /// SHA-256 of the record at `position` in a clean run.
    static func target(in clean: CLI.Run, at position: Int) throws -> String {
        try #require(clean.lines[position]["sha256"] as? String)
    }

    @Test(arguments: ["1", "2"])
    func aTrapCostsOneItemAndTheRestIsIdentical(jobs: String) throws {
        let arguments = ["check", "--quiet", "--jobs", jobs, "--at", "2026-06-01T00:00:00Z", Self.folder()]
        let clean = try CLI.run(arguments)
        #expect(clean.status == 1)
        let total = Self.lines(clean).count
        #expect(total > 20)
        let position = total / 2
        let trapped = try CLI.run(
            arguments, environment: ["TRUSTAUDIT_TEST_TRAP_SHA256": try Self.target(in: clean, at: position)])
        #expect(trapped.status == 2, "\(trapped.stderr)")
        #expect(trapped.stderr.contains("crashed the checker"))
        let before = Self.lines(clean)
        let after = Self.lines(trapped)
        #expect(after.count == total, "items in = records out")
        for index in 0..<min(total, after.count) where index != position {
            #expect(after[index] == before[index], "record \(index) differs after the contained crash")
        }
        let record = trapped.lines[position]
        #expect(record["type"] as? String == "checker-crash")
        #expect(record["index"] as? Int == clean.lines[position]["index"] as? Int)
        #expect(record["source"] as? String == clean.lines[position]["source"] as? String)
        let checks = try #require(record["checks"] as? [[String: Any]])
        #expect(checks.count == 1)
        #expect(checks.first?["requirement"] as? String == "INPUT-002")
        #expect(checks.first?["outcome"] as? String == "error")
        #expect((checks.first?["observed"] as? String)?.contains("SIG") == true)
    }

    @Test func withoutSupervisionTheTrapKillsTheRun() throws {
        let arguments = ["check", "--quiet", "--at", "2026-06-01T00:00:00Z", Self.folder()]
        let clean = try CLI.run(arguments)
        let trapped = try CLI.run(
            arguments + ["--no-supervise"],
            environment: ["TRUSTAUDIT_TEST_TRAP_SHA256": try Self.target(in: clean, at: 3)])
        // This is what supervision prevents: the process dies of the trap (SIGILL, status 132; under
        // AddressSanitizer its handler exits 1), and the later items are lost.
        #expect(trapped.status != 0 && trapped.status != 2)
        #expect(Self.lines(trapped).count < Self.lines(clean).count)
    }

    /// Standard output redirected to a file (`> evidence.jsonl`, `>> log`): the children write it
    /// themselves, without the supervisor's pipe. After the trap the file is cut back to where
    /// the run began and written again: what it held before stays, every record is there once.
    @Test func aTrapWithStandardOutputInAFileKeepsTheFileWhole() throws {
        let arguments = ["check", "--quiet", "--at", "2026-06-01T00:00:00Z", Self.folder()]
        let clean = try CLI.run(arguments)
        let before = Self.lines(clean)
        let position = before.count / 2
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-direct-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("evidence.jsonl")
        try Data("an earlier run's line\n".utf8).write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging([
            "TRUSTAUDIT_TEST_TRAP_SHA256": try Self.target(in: clean, at: position)
        ]) { _, new in new }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 2)
        let lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "an earlier run's line")
        let after = Array(lines.dropFirst())
        #expect(after.count == before.count, "items in = records out, each once")
        for index in 0..<min(before.count, after.count) where index != position {
            #expect(after[index] == before[index], "record \(index) differs after the contained crash")
        }
        #expect(after.count > position && after[position].contains(#""type":"checker-crash""#))
    }

    @Test func evidenceFileAndShardsGetEveryRecord() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-crash-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clean = try CLI.run(["check", "--quiet", "--at", "2026-06-01T00:00:00Z", Self.folder()])
        let total = Self.lines(clean).count
        let out = directory.appendingPathComponent("evidence.jsonl").path
        let shards = directory.appendingPathComponent("shards").path
        let run = try CLI.run(
            [
                "check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--out", out, "--shard-size", "7", "--shard-dir",
                shards, Self.folder(),
            ],
            environment: ["TRUSTAUDIT_TEST_TRAP_SHA256": try Self.target(in: clean, at: 10)])
        #expect(run.status == 2, "\(run.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(written.count == total)
        #expect(written[10].contains("\"checker-crash\""))
        // --resume after the run: every shard is complete, nothing is checked again.
        let resumed = try CLI.run(
            [
                "check", "--at", "2026-06-01T00:00:00Z", "--out", out + ".2", "--shard-size", "7", "--shard-dir",
                shards, "--resume", Self.folder(),
            ],
            environment: ["TRUSTAUDIT_TEST_TRAP_SHA256": try Self.target(in: clean, at: 10)])
        #expect(resumed.stderr.contains("already complete"))
        #expect(!resumed.stderr.contains("crashed the checker"))
    }

    /// Resource bound: a check that does not end is stopped at --item-time-limit and recorded,
    /// and the run goes on (the hook makes one item hang).
    @Test func aHangingItemIsStoppedAtTheTimeBudget() throws {
        let arguments = [
            "check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--item-time-limit", "1", CLI.vector("certificates"),
        ]
        let clean = try CLI.run(arguments)
        let total = Self.lines(clean).count
        let slow = try CLI.run(
            arguments, environment: ["TRUSTAUDIT_TEST_SLOW_SHA256": try Self.target(in: clean, at: 4)])
        #expect(slow.status == 2, "\(slow.stderr)")
        #expect(slow.stderr.contains("took longer than --item-time-limit"))
        #expect(Self.lines(slow).count == total)
        let checks = try #require(slow.lines[4]["checks"] as? [[String: Any]])
        #expect(checks.first?["requirement"] as? String == "INPUT-002")
        #expect((checks.first?["observed"] as? String)?.contains("time budget") == true)
    }
}
