import Foundation
import TestSupport
import Testing

/// Issue #14, "silent loss or a wrong exit code": every input gives its records, every output
/// goes where the user named it, and exit codes tell the truth.
@Suite(.serialized) struct SilentLossTests {
    typealias CLI = CommandLineTests

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ta-loss-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func problems(_ run: CLI.Run) -> [String] {
        run.lines.compactMap { record in
            (record["checks"] as? [[String: Any]])?.first { $0["requirement"] as? String == "INPUT-001" }?["observed"]
                as? String
        }
    }

    @Test func textFilesWithoutItemsAreOneRecordEach() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("  \n\t\n\n".utf8).write(to: folder.appendingPathComponent("blank.txt"))
        try Data("see -----BEGIN CERTIFICATE----- here\n".utf8).write(to: folder.appendingPathComponent("midline.txt"))
        let run = try CLI.run(["check", "--quiet", folder.path])
        #expect(run.status == 1)
        #expect(run.lines.count == 2)
        #expect(
            Self.problems(run) == [
                "the file holds only whitespace: no item",
                "a text file with no PEM block (a BEGIN line must start a line) and no base64 line",
            ])
    }

    @Test func nonUTF8NamesAreReadAndEscaped() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".pem".utf8)
        let path = Array(folder.path.utf8) + [0x2F] + name
        let bytes = try Repository.bytes("certificates/leaf-ok.pem")
        let descriptor = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(descriptor >= 0)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let run = try CLI.run(["check", "--quiet", folder.path])
        #expect(run.lines.count == 1)
        #expect(run.lines.first?["kind"] as? String == "certificate")
        #expect((run.lines.first?["source"] as? String)?.hasSuffix("/caf\\xE9.pem#1") == true)
    }

    @Test func unreadableFolderAndSymlinkLoopAreRecords() throws {
        let folder = try Self.temporaryFolder()
        defer {
            chmod(folder.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("locked"), withIntermediateDirectories: true)
        try Data(try Repository.bytes("certificates/leaf-ok.pem")).write(
            to: folder.appendingPathComponent("locked/a.pem"))
        chmod(folder.appendingPathComponent("locked").path, 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "loop")
        chmod(folder.path, 0o755)
        // root reads any folder: run as nobody (setpriv) when the tests run as root.
        var arguments = ["check", "--quiet", folder.path]
        var binary = CLI.binary.path
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
            binary = "/usr/bin/setpriv"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let run = CLI.Run(status: process.terminationStatus, stdout: [UInt8](data), stderr: "")
        #expect(run.status == 1)
        let observed = Self.problems(run)
        #expect(observed.count == 2, "\(observed)")
        #expect(observed.contains { $0.contains("directory not readable") && $0.contains("locked") })
        #expect(observed.contains { $0.contains("loop") && $0.contains("symbolic links") })
    }

    @Test func outputsGoThroughSymlinksAndIntoDevicesAndFIFOs() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.jsonl").path
        let link = folder.appendingPathComponent("link.jsonl").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let input = CLI.vector("certificates/leaf-ok.pem")
        #expect(try CLI.run(["check", "--quiet", "--out", link, "--manifest", "/dev/null", input]).status == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target, "the link stays a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 1)
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
        // A FIFO is written in place (a reader on the other end gets the records).
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
        reader.start()
        #expect(try CLI.run(["check", "--quiet", "--out", fifo, input]).status == 0)
        done.wait()
        #expect(String(decoding: received, as: UTF8.self).split(separator: "\n").count == 1)
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO stays a FIFO")
    }

    @Test func aFullDiskIsExitTwoAndLeavesNoPartialFile() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let run = try CLI.run(["check", "--quiet", "--out", "/dev/full", CLI.vector("certificates")])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("No space left on device") || run.stderr.contains("cannot write"))
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shards = try CLI.run([
            "check", "--quiet", "--shard-size", "5", "--shard-dir", "/dev/full/x", CLI.vector("certificates"),
        ])
        #expect(shards.status == 2)
    }

    @Test func endlessDeviceStopsAtTheItemLimit() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        let run = try CLI.run(["check", "--quiet", "--no-supervise", "/dev/zero"])
        #expect(run.lines.count == 1)
        #expect(Self.problems(run).first?.contains("item limit") == true)
    }

    @Test func resumeWithEveryShardCompleteStillExitsOne() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [
            "check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--shard-size", "10", "--shard-dir", folder.path,
            CLI.vector("certificates"),
        ]
        #expect(try CLI.run(arguments).status == 1)
        let resumed = try CLI.run(arguments.filter { $0 != "--quiet" } + ["--resume"])
        #expect(resumed.status == 1, "complete shards hold majors")
        #expect(resumed.stderr.contains("in complete shards"))
    }

    @Test func mergeRefusesAnotherRunsShardAndNamesAnOverlap() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a").path
        let b = folder.appendingPathComponent("b").path
        let base = ["check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--shard-size", "10"]
        _ = try CLI.run(base + ["--shard-dir", a, CLI.vector("certificates")])
        _ = try CLI.run(base + ["--shard-dir", b, CLI.vector("certificates/etsi")])
        // The same range from a run over other inputs.
        let name = "shard-000000000010-000000000020.jsonl"
        try FileManager.default.removeItem(atPath: a + "/" + name)
        try FileManager.default.copyItem(atPath: b + "/" + name, toPath: a + "/" + name)
        let mixed = try CLI.run(["merge", a])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("written by another run"))
        // An overlapping shard (a second file covering items of the first).
        let c = folder.appendingPathComponent("c").path
        _ = try CLI.run(base + ["--shard-dir", c, CLI.vector("certificates")])
        let five = folder.appendingPathComponent("five").path
        _ = try CLI.run([
            "check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--shard-size", "5", "--shard-dir", five,
            CLI.vector("certificates"),
        ])
        try FileManager.default.copyItem(
            atPath: five + "/shard-000000000005-000000000010.jsonl",
            toPath: c + "/shard-000000000005-000000000010.jsonl")
        let overlap = try CLI.run(["merge", c])
        #expect(overlap.status == 1)
        #expect(overlap.stderr.contains("overlap") || overlap.stderr.contains("another run"))
    }

    @Test func bundleRefusesWhatIsNotABundle() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = CLI.vector("certificates/leaf-ok.pem")
        // A user's own evidence.jsonl (no bundle manifest beside it) is not overwritten.
        let own = folder.appendingPathComponent("own")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: own.appendingPathComponent("evidence.jsonl"))
        #expect(try CLI.run(["check", "--quiet", "--bundle", own.path, input]).status == 2)
        #expect(try String(contentsOf: own.appendingPathComponent("evidence.jsonl"), encoding: .utf8) == "mine\n")
        // A folder named report.html is never deleted.
        let named = folder.appendingPathComponent("named")
        try FileManager.default.createDirectory(
            at: named.appendingPathComponent("report.html"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: named.appendingPathComponent("report.html/inside.txt"))
        #expect(try CLI.run(["check", "--quiet", "--bundle", named.path, input]).status == 2)
        #expect(FileManager.default.fileExists(atPath: named.appendingPathComponent("report.html/inside.txt").path))
        // A hidden file is refused, so a fresh bundle always verifies.
        let hidden = folder.appendingPathComponent("hidden")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Data().write(to: hidden.appendingPathComponent(".DS_Store"))
        #expect(try CLI.run(["check", "--quiet", "--bundle", hidden.path, input]).status == 2)
        // An earlier bundle is replaced, and verifies.
        let bundle = folder.appendingPathComponent("bundle").path
        #expect(try CLI.run(["check", "--quiet", "--bundle", bundle, input]).status == 0)
        #expect(try CLI.run(["check", "--quiet", "--bundle", bundle, input]).status == 0)
        #expect(try CLI.run(["verify-bundle", bundle]).status == 0)
    }
}
