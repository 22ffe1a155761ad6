import Foundation
import TestSupport
import Testing

/// The built `trustaudit` binary end to end: records, exit codes, stdin, files, parallelism and
/// memory on a large input.
@Suite(.serialized) struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var lines: [[String: Any]] {
            String(decoding: stdout, as: UTF8.self).split(separator: "\n").map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
            }
        }
    }

    static let binary: URL = {
        // The test runner lives in the build products folder next to the executable.
        let runner = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        var folder = runner.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("trustaudit").path),
            folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("trustaudit")
    }()

    static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin))
            try input.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a full stderr pipe cannot block the child; the semaphore
        // orders the reader's write before our read (ThreadSanitizer saw the polling as a race).
        nonisolated(unsafe) var errorData = Data()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        reader.start()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Run(
            status: process.terminationStatus, stdout: [UInt8](outputData),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Peak RSS of one run, measured by a fresh python3 parent (getrusage of its only child).
    static func peakResidentMB(_ arguments: [String]) throws -> Double {
        let script =
            "import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, binary.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let kilobytes =
            Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
        return kilobytes / 1024
    }

    static func vector(_ path: String) -> String { Repository.testVectors.appendingPathComponent(path).path }

    /// The README's `$ trustaudit profiles` example is this binary's output (`make profiles`
    /// rewrites it), so no requirement count in it is kept by hand.
    @Test func readmeShowsTheProfilesListingTheBinaryPrints() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let head = "```\n$ trustaudit profiles\n"
        let start = try #require(readme.range(of: head)).upperBound
        let end = try #require(readme.range(of: "```", range: start..<readme.endIndex)).lowerBound
        let result = try Self.run(["profiles"])
        #expect(result.status == 0)
        #expect(String(readme[start..<end]) == String(decoding: result.stdout, as: UTF8.self), "run `make profiles`")
    }

    @Test func conformingInputExitsZeroWithOneRecord() throws {
        let run = try Self.run([
            "check", "--quiet", "--at", "2026-06-01T00:00:00Z", Self.vector("certificates/etsi/ncp-n__ok.pem"),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 1)
        #expect(run.lines[0]["verdict"] as? String == "conforming")
        #expect((run.lines[0]["source"] as? String)?.hasSuffix("ncp-n__ok.pem#1") == true)
    }

    /// An observation is not a non-conformity: a certificate that claims no profile exits 0.
    @Test func observationExitsZero() throws {
        let run = try Self.run(["check", "--quiet", Self.vector("certificates/leaf-ok.pem")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.map { $0["verdict"] as? String } == ["observation"])
        #expect(run.lines.first?["profile"] as? String == "rfc5280-end-entity")
    }

    @Test func nonConformityExitsOneAndSummaryGoesToStderr() throws {
        let run = try Self.run([
            "check", "--at", "2026-06-01T00:00:00Z", Self.vector("certificates/v1.pem"),
            Self.vector("certificates/etsi/ncp-n__ok.pem"),
        ])
        #expect(run.status == 1)
        #expect(run.lines.map { $0["verdict"] as? String } == ["major", "conforming"])
        #expect(run.stderr.contains("2 item(s) checked"))
        #expect(run.stderr.contains("CERT-001"))
    }

    @Test(arguments: [
        ["check", "--jobs", "0", "x"], ["check"], ["check", "--profile", "no-such-profile", "x"],
        ["check", "--at", "yesterday", "x"], ["no-such-command"], ["check", "--profiles", "/nonexistent", "x"],
        ["check", "--standards", "1999", "x"], ["check", "--issuer", "/nonexistent", "x"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }

    @Test func stdinIsAnInput() throws {
        let pem = try Repository.bytes("certificates/chain.pem")
        let run = try Self.run(["check", "--quiet", "-"], stdin: pem)
        #expect(run.status == 0)
        #expect(run.lines.compactMap { $0["source"] as? String } == ["-#1", "-#2", "-#3"])
    }

    @Test func outAndManifestFilesAreWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("evidence.jsonl").path
        let manifest = directory.appendingPathComponent("manifest.json").path
        let run = try Self.run([
            "check", "--quiet", "--at", "2026-06-01T00:00:00Z", "--out", out, "--manifest", manifest,
            Self.vector("trusted-lists"),
        ])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let files = Repository.files(under: Repository.testVectors.appendingPathComponent("trusted-lists")).count
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == files)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any])
        #expect(object["validationTime"] as? String == "2026-06-01T00:00:00Z")
        #expect((object["counts"] as? [String: Int])?["items"] == files)
        #expect((object["catalogueSHA256"] as? String)?.count == 64)
    }

    @Test func badInputNeverLosesAnItem() throws {
        let run = try Self.run([
            "check", "--quiet", Self.vector("certificates"), Self.vector("timestamps"), Self.vector("trusted-lists"),
            Self.vector("revocation"),
            "/nonexistent/file",
        ])
        let expected = try ExpectedVectors.load()
        let itemsIn = expected.files.reduce(0) { $0 + $1.records.count } + (expected.nonInputs?.count ?? 0) + 1
        #expect(run.status == 1)
        #expect(run.lines.count == itemsIn)
        #expect(run.lines.enumerated().allSatisfy { $0.element["index"] as? Int == $0.offset })
    }

    @Test func listingsInEveryFormat() throws {
        for format in ["text", "json", "markdown"] {
            let profiles = try Self.run(["profiles", "--format", format])
            #expect(profiles.status == 0)
            #expect(String(decoding: profiles.stdout, as: UTF8.self).contains("rfc5280-basics"))
            let requirements = try Self.run(["requirements", "--format", format])
            #expect(requirements.status == 0)
            #expect(String(decoding: requirements.stdout, as: UTF8.self).contains("CERT-005"))
        }
        let json = try Self.run(["requirements", "--format", "json", "--profile", "rfc3161-basics"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["TST-001"])
    }

    /// 10 000 items (the own vectors many times over, good and broken) give byte-identical
    /// evidence with 1 and 2 jobs, and memory does not grow with the input length.
    @Test func largeDirectoryIsIdenticalAcrossJobCountsWithFlatMemory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ta-bulk-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources = Repository.files(under: Repository.testVectors.appendingPathComponent("certificates"))
            .filter { ["der", "bin"].contains($0.pathExtension) }
        let small = directory.appendingPathComponent("small")
        let large = directory.appendingPathComponent("large")
        for (folder, copies) in [(small, 10_000 / sources.count / 10), (large, 10_000 / sources.count + 1)] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for copy in 0..<copies {
                for source in sources {
                    try FileManager.default.copyItem(
                        at: source,
                        to: folder.appendingPathComponent(String(format: "%05d-", copy) + source.lastPathComponent))
                }
            }
        }
        let one = try Self.run(["check", "--quiet", "--jobs", "1", "--at", "2026-06-01T00:00:00Z", large.path])
        let two = try Self.run(["check", "--quiet", "--jobs", "2", "--at", "2026-06-01T00:00:00Z", large.path])
        #expect(one.lines.count >= 10_000)
        #expect(one.stdout == two.stdout)

        // AddressSanitizer keeps freed memory in quarantine: resident size then says nothing about
        // flatness (make test-sanitize sets TRUSTAUDIT_SANITIZER).
        guard ProcessInfo.processInfo.environment["TRUSTAUDIT_SANITIZER"] == nil else { return }
        let smallMB = try Self.peakResidentMB(["check", "--quiet", small.path])
        let largeMB = try Self.peakResidentMB(["check", "--quiet", large.path])
        #expect(largeMB < smallMB + 40, "peak RSS grew from \(smallMB) MB (1k items) to \(largeMB) MB (10k items)")
    }
}
