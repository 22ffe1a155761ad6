import Certificates
import DERWalk
import Foundation
import Pipeline
import TestSupport
import Testing

/// Issue #14: artefact data must never trap. Each test builds, in a fresh temporary folder, the
/// minimal input that used to crash the process (an inverted validity range, an Int overflow, a
/// `try!` read) and checks what the fixed code now reports: an exit status of 0 or 1 (a trap is a
/// signal, or an exit 2 with a checker-crash record under the supervisor), one record per item,
/// and the finding that takes the trap's place.
@Suite(.serialized) struct TrapRegressionTests {
    typealias CLI = CommandLineTests
    static let at = "2026-06-01T12:00:00Z"

    // MARK: - Helpers

    /// A fresh, empty temporary folder (the caller deletes it).
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trustaudit-trap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The run ended by itself with an allowed status: no signal, no contained checker crash.
    static func expectNoTrap(
        _ run: CLI.Run, status allowed: ClosedRange<Int32> = 0...1, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            allowed.contains(run.status),
            "exit status \(run.status) (a trap is a signal such as 132–134, or 2 with a checker crash): \(run.stderr)",
            sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("crashed the checker"), "\(run.stderr)", sourceLocation: sourceLocation)
        let crashRecords = run.lines.filter { $0["type"] as? String == "checker-crash" }.count
        #expect(crashRecords == 0, sourceLocation: sourceLocation)
    }

    /// The one record of `kind` of a run that ended by itself with a non-conformity, and its
    /// failed check of `requirement`.
    static func failedCheck(
        _ requirement: String, ofKind kind: String, in run: CLI.Run, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (record: [String: Any]?, check: [String: Any]) {
        expectNoTrap(run, sourceLocation: sourceLocation)
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.lines.count == 1, sourceLocation: sourceLocation)
        let record = run.lines.first
        #expect(record?["kind"] as? String == kind, sourceLocation: sourceLocation)
        #expect((record?["failed"] as? [String])?.contains(requirement) == true, sourceLocation: sourceLocation)
        let check = try #require(Self.check(requirement, in: record), sourceLocation: sourceLocation)
        #expect(check["outcome"] as? String == "fail", sourceLocation: sourceLocation)
        return (record, check)
    }

    /// The check of `requirement` in a record, if the record has one.
    static func check(_ requirement: String, in record: [String: Any]?) -> [String: Any]? {
        (record?["checks"] as? [[String: Any]])?.first { $0["requirement"] as? String == requirement }
    }

    static func source(_ record: [String: Any]?) -> String { record?["source"] as? String ?? "" }

    static func vector(_ path: String) -> String { Repository.testVectors.appendingPathComponent(path).path }

    /// Where `pattern` starts in `bytes`.
    static func occurrences(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return [] }
        return (0...(bytes.count - pattern.count)).filter { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    /// `bytes` with the single occurrence of `pattern` replaced.
    static func replacingOnce(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) throws -> [UInt8] {
        let hits = occurrences(of: pattern, in: bytes)
        try #require(hits.count == 1, "the pattern must occur exactly once, it occurs \(hits.count) time(s)")
        return Array(bytes[..<hits[0]]) + replacement + Array(bytes[(hits[0] + pattern.count)...])
    }

    /// `text` with the content between the single `open`…`close` pair replaced.
    static func replacingContent(between open: String, and close: String, with content: String, in text: String) throws
        -> String
    {
        let opens = text.components(separatedBy: open).count - 1
        try #require(opens == 1, "\(open) must occur exactly once, it occurs \(opens) time(s)")
        let start = try #require(text.range(of: open))
        let end = try #require(text.range(of: close, range: start.upperBound..<text.endIndex))
        return String(text[..<start.upperBound]) + content + String(text[end.lowerBound...])
    }

    /// A validity as DER encodes it: UTCTime notBefore, then the tag and length of notAfter.
    static func validity(_ notBefore: String, _ notAfter: String) -> [UInt8] {
        Array(notBefore.utf8) + [0x17, 0x0D] + Array(notAfter.utf8)
    }

    /// A certificate's DER as one PEM block (64-character lines, LF).
    static func pem(_ der: [UInt8]) -> Data {
        var text = "-----BEGIN CERTIFICATE-----\n"
        var rest = Substring(Data(der).base64EncodedString())
        while !rest.isEmpty {
            text += String(rest.prefix(64)) + "\n"
            rest = rest.dropFirst(64)
        }
        return Data((text + "-----END CERTIFICATE-----\n").utf8)
    }

    /// Enough DER to change the length of one element and re-encode the lengths of all its
    /// ancestors (definite lengths only, as in the project's own tokens). An OCTET STRING on the
    /// way, such as a SignedData's eContent, is entered as the DER it wraps.
    enum DER {
        struct Header {
            var tagEnd: Int
            var contentStart: Int
            var end: Int
        }

        static func header(_ bytes: [UInt8], at start: Int, limit: Int) -> Header? {
            var index = start
            guard index < limit else { return nil }
            if bytes[index] & 0x1F == 0x1F {
                index += 1
                while index < limit, bytes[index] & 0x80 != 0 { index += 1 }
            }
            index += 1
            guard index < limit else { return nil }
            let tagEnd = index
            let first = Int(bytes[index])
            index += 1
            var length = first
            if first & 0x80 != 0 {
                let octets = first & 0x7F
                guard (1...4).contains(octets), index + octets <= limit else { return nil }
                length = 0
                for _ in 0..<octets {
                    length = length << 8 | Int(bytes[index])
                    index += 1
                }
            }
            guard length <= limit - index else { return nil }
            return Header(tagEnd: tagEnd, contentStart: index, end: index + length)
        }

        /// `bytes` (the element at `start`) with the element spanning `target` replaced by
        /// `replacement`, every enclosing length re-encoded; nil when `target` is no element.
        static func replacing(
            _ target: Range<Int>, with replacement: [UInt8], in bytes: [UInt8], at start: Int = 0, limit: Int? = nil
        ) -> [UInt8]? {
            guard let outer = Self.header(bytes, at: start, limit: limit ?? bytes.count) else { return nil }
            if start == target.lowerBound, outer.end == target.upperBound { return replacement }
            var content: [UInt8] = []
            var index = outer.contentStart
            var found = false
            while index < outer.end {
                guard let child = Self.header(bytes, at: index, limit: outer.end) else { return nil }
                if index <= target.lowerBound, target.upperBound <= child.end {
                    guard let inner = replacing(target, with: replacement, in: bytes, at: index, limit: outer.end)
                    else { return nil }
                    content += inner
                    found = true
                } else {
                    content += bytes[index..<child.end]
                }
                index = child.end
            }
            return found ? Array(bytes[start..<outer.tagEnd]) + DERLength.octets(content.count) + content : nil
        }
    }

    /// A static-ct-api data tile entry (x509_entry) for the project's leaf certificate, with a
    /// leaf_index extension when `leafIndex` is given, and no chain fingerprints.
    static func tileEntry(_ certificate: [UInt8], ordinal: Int, leafIndex: UInt8?) -> [UInt8] {
        let timestamp: [UInt8] = [0x00, 0x00, 0x01, 0x9B, 0x00, 0x00, 0x00, UInt8(ordinal)]
        let length = certificate.count
        let extensions: [UInt8] =
            leafIndex.map { index -> [UInt8] in [0x00, 0x08, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, index] } ?? [
                0x00, 0x00,
            ]
        return timestamp + [0x00, 0x00] + [UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + certificate
            + extensions + [0x00, 0x00]
    }

    /// Runs the binary with `stdin` as its standard input (for a handle `CLI.run` cannot pass);
    /// stdout and stderr go to files in `folder`. A signal, which is a trap, fails here.
    static func run(
        _ arguments: [String], stdin: FileHandle, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLI.Run {
        let outURL = folder.appendingPathComponent("stdout.txt")
        let errURL = folder.appendingPathComponent("stderr.txt")
        #expect(FileManager.default.createFile(atPath: outURL.path, contents: nil), sourceLocation: sourceLocation)
        #expect(FileManager.default.createFile(atPath: errURL.path, contents: nil), sourceLocation: sourceLocation)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        #expect(
            process.terminationReason == .exit, "ended by signal \(process.terminationStatus)",
            sourceLocation: sourceLocation)
        return CLI.Run(
            status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    // MARK: - A. Reproduced traps

    /// A1: the TSU certificate (given with --tsu) valid 2027 → 2026 used to trap building
    /// notBefore...notAfter for TST-057.
    @Test func a1TSUCertificateWithInvertedValidityFailsTST057() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let blocks = Repository.derBlocks(try Repository.bytes("timestamps/tsa-chain.pem"))
        try #require(blocks.count == 3)
        let tsu = try Self.replacingOnce(
            Self.validity("260101000000Z", "270101000000Z"), with: Self.validity("270101000000Z", "260101000000Z"),
            in: blocks[2])
        let tsuFile = work.appendingPathComponent("tsu-inverted.pem")
        try Self.pem(tsu).write(to: tsuFile)

        let run = try CLI.run([
            "check", "--at", Self.at, "--tsu", tsuFile.path, Self.vector("timestamps/token-no-certificates.tst"),
        ])
        let (_, finding) = try Self.failedCheck("TST-057", ofKind: "timestamp", in: run)
        #expect(finding["location"] as? String == "TSU certificate validity")
        #expect((finding["observed"] as? String)?.contains("TSU valid 270101000000Z–260101000000Z") == true)
        #expect(
            (finding["message"] as? String)?.contains(
                "the TSU certificate's validity is inverted (notBefore 2027-01-01T00:00:00Z is after notAfter 2026-01-01T00:00:00Z): no genTime lies inside it"
            ) == true)
    }

    /// A2: a --ca TSA CA valid 2035 → 2025 (same name and key, so the TSU certificate still
    /// verifies with it) used to trap building its validity range for TST-058.
    @Test func a2TSACAWithInvertedValidityFailsTST058() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let ca = try Self.replacingOnce(
            Self.validity("250101000000Z", "350101000000Z"), with: Self.validity("350101000000Z", "250101000000Z"),
            in: try Repository.der("certificates/issuing-ca.pem"))
        let caFile = work.appendingPathComponent("ca-inverted.pem")
        try Self.pem(ca).write(to: caFile)

        let run = try CLI.run(["check", "--at", Self.at, "--ca", caFile.path, Self.vector("timestamps/token-ok.tst")])
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.lines.count == 1)
        let record = run.lines.first
        #expect((record?["failed"] as? [String]) == ["TST-058"])
        let finding = try #require(Self.check("TST-058", in: record))
        #expect(finding["outcome"] as? String == "fail")
        #expect(finding["location"] as? String == "TSU issuer")
        #expect(finding["observed"] as? String == "TSA CA valid 350101000000Z–250101000000Z")
        #expect(
            (finding["message"] as? String)?.contains(
                "the TSA CA's validity is inverted (notBefore 2035-01-01T00:00:00Z is after notAfter 2025-01-01T00:00:00Z): it was not valid at genTime"
            ) == true)
    }

    /// A3: a trusted list whose KeyInfo certificate has an inverted validity used to trap in
    /// TL-056 (SigningTime within the signer's validity).
    @Test func a3TrustedListSignerWithInvertedValidityFailsTL056() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let list = String(decoding: try Repository.bytes("trusted-lists/tl-signed.xml"), as: UTF8.self)
        let inverted = Data(try Repository.der("certificates/validity-inverted.pem")).base64EncodedString()
        let altered = try Self.replacingContent(
            between: "<ds:X509Certificate>", and: "</ds:X509Certificate>", with: inverted, in: list)
        let file = work.appendingPathComponent("tl-signer-inverted.xml")
        try Data(altered.utf8).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, file.path])
        let (_, finding) = try Self.failedCheck("TL-056", ofKind: "trustedList", in: run)
        #expect(finding["location"] as? String == "xades:SigningTime")
        #expect(finding["observed"] as? String == "SigningTime 2026-06-01T00:00:00Z")
        #expect(
            (finding["message"] as? String)?.contains(
                "the signer certificate's validity is inverted (notBefore 2027-01-01T00:00:00Z is after notAfter 2026-01-01T00:00:00Z): no signing time lies inside it"
            ) == true)
    }

    /// A4: `--valid-at` used to trap on a certificate with an inverted validity; it is now kept,
    /// and the full check reports CERT-006.
    @Test func a4ValidAtKeepsACertificateWithInvertedValidity() throws {
        let run = try CLI.run([
            "check", "--valid-at", "2026-06-01T00:00:00Z", Self.vector("certificates/validity-inverted.pem"),
        ])
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.lines.count == 1)
        let finding = try #require(Self.check("CERT-006", in: run.lines.first))
        #expect(finding["outcome"] as? String == "fail")
        #expect((finding["message"] as? String)?.hasPrefix("notBefore is after notAfter") == true)
        #expect(run.stderr.contains("filtered: 0 certificate(s)"))
    }

    /// A5: a TSTInfo accuracy of 2^62 seconds used to overflow `totalMicros`. The accuracy of
    /// token-accuracy-2s.tst (SEQUENCE { INTEGER 2 }) becomes SEQUENCE { INTEGER 2^62 } and every
    /// enclosing length is re-encoded (the signature no longer verifies; TSTInfo still parses).
    @Test func a5AccuracyOfTwoToThe62SecondsIsAShouldFailOfTST039() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let token = try Repository.bytes("timestamps/token-accuracy-2s.tst")
        let accuracy: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x02]
        let hits = Self.occurrences(of: accuracy, in: token)
        try #require(hits.count == 1, "the accuracy SEQUENCE { INTEGER 2 } occurs \(hits.count) time(s)")
        let huge: [UInt8] = [0x30, 0x0A, 0x02, 0x08, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        let altered = try #require(DER.replacing(hits[0]..<(hits[0] + accuracy.count), with: huge, in: token))
        #expect(altered.count == token.count + huge.count - accuracy.count)
        let file = work.appendingPathComponent("token-accuracy-2-62-s.tst")
        try Data(altered).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, file.path])
        let (record, tst039) = try Self.failedCheck("TST-039", ofKind: "timestamp", in: run)
        #expect(tst039["grade"] as? String == "minor")
        #expect(tst039["observed"] as? String == "seconds 4611686018427387904, millis absent, micros absent")
        #expect(tst039["location"] as? String == "TSTInfo.accuracy")
        #expect(
            (tst039["message"] as? String)?.contains(
                "the accuracy should be one second or better; the declared one exceeds 2^63 microseconds") == true)
        let tst038 = try #require(Self.check("TST-038", in: record))
        #expect(tst038["outcome"] as? String == "notApplicable")
    }

    /// A6: a get-entries page named for start Int.max used to overflow numbering its second entry.
    @Test(arguments: ["start=9223372036854775807.json", "9223372036854775807-9223372036854775807.json"])
    func a6PageStartingAtIntMaxNamesItsSecondEntryBeyondAnyLogIndex(name: String) throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent(name)
        try Data(#"{"entries":[{"leaf_input":"AA=="},{"leaf_input":"AA=="}]}"#.utf8).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, file.path])
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.lines.count == 2)
        #expect(Self.source(run.lines.first).contains("log index 9223372036854775807"))
        #expect(
            Self.source(run.lines.last).contains(
                "entry 1 of the page (start 9223372036854775807 from the file name + 1 is beyond any log index)"))
        for record in run.lines {
            let finding = Self.check("INPUT-001", in: record)
            #expect(finding?["outcome"] as? String == "fail")
            #expect(finding?["observed"] as? String == "CT entry: truncated entry")
        }
    }

    /// A7: any file under `tile/data/` with seven three-digit groups used to overflow the tile
    /// number while the reader was opened; such a path names no tile and the file is read as
    /// what it is.
    @Test func a7PathOfSevenTileGroupsNamesNoTile() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let relative = "tile/data/x001/x001/x001/x001/x001/x001/001"
        let file = work.appendingPathComponent("log").appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try Repository.bytes("certificates/leaf-ok.pem")).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, work.appendingPathComponent("log").path])
        Self.expectNoTrap(run)
        #expect(run.status == 0)
        #expect(run.lines.count == 1)
        #expect(run.lines.first?["kind"] as? String == "certificate")
        #expect(run.lines.first?["verdict"] as? String == "observation")
        #expect(Self.source(run.lines.first).contains(relative))
    }

    /// A8: a data tile whose path number makes tile × 256 + ordinal overflow. Six groups of 999
    /// used to trap there; the largest tile number whose log indices fit an Int (…/x963/967, last
    /// index Int.max) still numbers its entries, one more (…/968) names no tile, and entries of
    /// such a tile are numbered by their leaf_index or their place in the tile.
    @Test func a8TileNumbersAtTheEdgeOfInt() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let certificate = try Repository.der("certificates/leaf-ok.pem")
        let plain =
            Self.tileEntry(certificate, ordinal: 0, leafIndex: nil)
            + Self.tileEntry(certificate, ordinal: 1, leafIndex: nil)
        let indexed =
            Self.tileEntry(certificate, ordinal: 0, leafIndex: 0)
            + Self.tileEntry(certificate, ordinal: 1, leafIndex: 1)
        let cases: [(folder: String, path: String, tile: [UInt8], positions: [String])] = [
            (
                "edge", "tile/data/x036/x028/x797/x018/x963/967", plain,
                ["log index 9223372036854775552", "log index 9223372036854775553"]
            ),
            (
                "beyond", "tile/data/x036/x028/x797/x018/x963/968", plain,
                ["entry 0 of the tile", "entry 1 of the tile"]
            ),
            (
                "six-groups", "tile/data/x999/x999/x999/x999/x999/999", plain,
                ["entry 0 of the tile", "entry 1 of the tile"]
            ),
            (
                "six-groups-leaf-index", "tile/data/x999/x999/x999/x999/x999/999", indexed,
                ["log index 256", "log index 257"]
            ),
        ]
        for entry in cases {
            let file = work.appendingPathComponent(entry.folder).appendingPathComponent(entry.path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(entry.tile).write(to: file)
        }

        let run = try CLI.run(["check", "--at", Self.at] + cases.map { work.appendingPathComponent($0.folder).path })
        Self.expectNoTrap(run)
        #expect(run.status == 0)
        #expect(run.lines.count == 2 * cases.count)
        for entry in cases {
            let name = entry.folder + "/" + entry.path + "#"
            let records = run.lines.filter { Self.source($0).contains(name) }
            #expect(records.count == 2, "\(entry.folder)")
            for (record, position) in zip(records, entry.positions) {
                #expect(
                    Self.source(record).contains("(x509_entry, \(position), leaf "),
                    "\(entry.folder): \(Self.source(record))")
                #expect(record["kind"] as? String == "certificate", "\(entry.folder)")
                let inputFailures = ((record["failed"] as? [String]) ?? []).filter { $0.hasPrefix("INPUT-") }
                #expect(inputFailures.isEmpty, "\(entry.folder): \(inputFailures)")
            }
        }
    }

    /// A shard folder whose only trailer says `"last": 9223372036854775807` (A9).
    static func shardFolderWithLastIntMax(in work: URL) throws -> URL {
        let shards = work.appendingPathComponent("shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        // linesSHA256 is SHA-256 of "{}\n": the trailer matches its lines, only its numbers are wrong.
        let text =
            "{}\n"
            + #"{"trustauditShard":{"count":1,"first":0,"last":9223372036854775807,"linesSHA256":"ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356"}}"#
            + "\n"
        try Data(text.utf8).write(to: shards.appendingPathComponent("shard-000000000000-000000000001.jsonl"))
        return shards
    }

    /// A9 (merge): `next = last + 1` used to overflow; the trailer is now no valid trailer.
    @Test func a9MergeRefusesATrailerEndingAtIntMax() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let shards = try Self.shardFolderWithLastIntMax(in: work)

        let run = try CLI.run(["merge", shards.path])
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("trustaudit merge: not merged"))
        #expect(run.stderr.contains("shard-000000000000-000000000001.jsonl: no valid trailer (incomplete or altered)"))
    }

    /// A9 (completeness --shards): `last + 1` and `last - first + 1` used to overflow; the shard
    /// is now unreadable, an error (exit 2) rather than a trap.
    @Test func a9CompletenessRefusesATrailerEndingAtIntMax() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let shards = try Self.shardFolderWithLastIntMax(in: work)
        let checkpoint = work.appendingPathComponent("checkpoint")
        try Data("trustaudit.test/log\n1\n\(Data(count: 32).base64EncodedString())\n\n".utf8).write(to: checkpoint)

        let run = try CLI.run(["completeness", "--checkpoint", checkpoint.path, "--shards", shards.path])
        Self.expectNoTrap(run, status: 2...2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("cannot read shard-000000000000-000000000001.jsonl: no valid trailer"))
    }

    // MARK: - B. The same pattern elsewhere

    /// B1: on --resume, a shard whose trailer starts within --shard-size of Int.max used to
    /// overflow forming its file name; it is not counted as complete and the run goes on.
    @Test func b1ResumeIgnoresAShardStartingNearIntMax() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let shards = work.appendingPathComponent("shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        // linesSHA256 is SHA-256 of nothing: a valid, empty shard starting at a multiple of 1000.
        let trailer =
            #"{"trustauditShard":{"count":0,"first":9223372036854775000,"last":9223372036854775000,"linesSHA256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}"#
        try Data((trailer + "\n").utf8).write(to: shards.appendingPathComponent("shard-x.jsonl"))

        let run = try CLI.run([
            "check", "--at", Self.at, "--shard-size", "1000", "--shard-dir", shards.path, "--resume",
            Self.vector("certificates/leaf-ok.pem"),
        ])
        Self.expectNoTrap(run)
        #expect(run.status == 0)
        #expect(run.lines.count == 1)
        #expect(run.stderr.contains("0 already complete"))
        #expect(
            FileManager.default.fileExists(
                atPath: shards.appendingPathComponent("shard-000000000000-000000001000.jsonl").path))
    }

    /// B3: a directory as standard input used to trap in the probe read (EISDIR); it is now one
    /// item whose problem is that it cannot be read.
    @Test func b3DirectoryOnStandardInputIsOneUnreadableItem() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let directory = work.appendingPathComponent("input-directory")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let descriptor = open(directory.path, O_RDONLY)
        try #require(descriptor >= 0)
        let stdin = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)

        let run = try Self.run(["check", "--at", Self.at, "-"], stdin: stdin, in: work)
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.lines.count == 1)
        #expect(Self.source(run.lines.first) == "-")
        let finding = try #require(Self.check("INPUT-001", in: run.lines.first))
        #expect(finding["outcome"] as? String == "fail")
        #expect((finding["observed"] as? String)?.hasPrefix("the input cannot be read: ") == true)
    }

    /// B3: /proc/self/mem is a regular file whose first read fails (EIO); it used to trap.
    @Test func b3FileWhoseReadFailsIsOneUnreadableItem() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/mem") else {
            print("/proc/self/mem is absent: B3 file read-error test skipped")
            return
        }
        let run = try CLI.run(["check", "--at", Self.at, "/proc/self/mem"])
        Self.expectNoTrap(run)
        #expect(run.status == 1)
        #expect(run.lines.count == 1)
        #expect(Self.source(run.lines.first) == "/proc/self/mem")
        let finding = try #require(Self.check("INPUT-001", in: run.lines.first))
        #expect(finding["outcome"] as? String == "fail")
        #expect((finding["observed"] as? String)?.hasPrefix("the input cannot be read: ") == true)
    }

    /// B4: ByteLineReader's refill used to trap on a read error; it now ends the input and keeps
    /// the error.
    @Test func b4LineReaderKeepsTheReadError() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let descriptor = open(work.path, O_RDONLY)
        try #require(descriptor >= 0)
        let reader = ByteLineReader(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
        let ended = reader.nextLine() == nil
        #expect(ended)
        #expect(reader.readError != nil)
    }

    /// B4 through the CLI: `completeness` reads evidence files with ByteLineReader; a directory
    /// given as one used to trap there and is now an error naming it.
    @Test func b4CompletenessReportsAnUnreadableEvidenceFile() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let checkpoint = work.appendingPathComponent("checkpoint")
        try Data("trustaudit.test/log\n1\n\(Data(count: 32).base64EncodedString())\n\n".utf8).write(to: checkpoint)
        let evidence = work.appendingPathComponent("evidence-directory")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)

        let run = try CLI.run(["completeness", "--checkpoint", checkpoint.path, evidence.path])
        Self.expectNoTrap(run, status: 2...2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("cannot read \(evidence.path): "))
    }

    /// B6: an ECDSA SignatureValue of 140 000 bytes (halves over 64 KiB) used to trap forming its
    /// DER length; it is now a value that does not verify.
    @Test func b6ECDSASignatureValueOver64KiBDoesNotVerify() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let list = String(decoding: try Repository.bytes("trusted-lists/tl-signed.xml"), as: UTF8.self)
        let rsa = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        try #require(list.components(separatedBy: rsa).count == 2)
        let ecdsa = list.replacingOccurrences(of: rsa, with: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256")
        let value = Data(repeating: 0x01, count: 140_000).base64EncodedString()
        let altered = try Self.replacingContent(
            between: "<ds:SignatureValue>", and: "</ds:SignatureValue>", with: value, in: ecdsa)
        let file = work.appendingPathComponent("tl-ecdsa-huge-value.xml")
        try Data(altered.utf8).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, file.path])
        let (_, finding) = try Self.failedCheck("TL-059", ofKind: "trustedList", in: run)
        #expect(finding["location"] as? String == "ds:SignatureValue")
        #expect((finding["message"] as? String)?.hasPrefix("the signature value does not verify") == true)
    }

    /// B7: a certificate whose version INTEGER is five octets long (read as Int.max) used to trap
    /// naming its version in CERT-009/CERT-010; it is a CERT-001 failure like any non-v3 version.
    @Test func b7VersionOfFiveOctetsIsACERT001Failure() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let leaf = try #require(Repository.derBlocks(try Repository.bytes("certificates/leaf-ok.pem")).first)
        let v3: [UInt8] = [0xA0, 0x03, 0x02, 0x01, 0x02]
        let hits = Self.occurrences(of: v3, in: leaf)
        try #require(!hits.isEmpty)
        let long: [UInt8] = [0xA0, 0x07, 0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00]
        let altered = try #require(DER.replacing(hits[0]..<(hits[0] + v3.count), with: long, in: leaf))
        let file = work.appendingPathComponent("version-five-octets.pem")
        try Self.pem(altered).write(to: file)

        let run = try CLI.run(["check", "--at", Self.at, file.path])
        let (record, _) = try Self.failedCheck("CERT-001", ofKind: "certificate", in: run)
        #expect(Self.check("CERT-009", in: record)?["outcome"] as? String == "notApplicable")
        #expect(
            (Self.check("CERT-009", in: record)?["message"] as? String)?.contains("version value 9223372036854775807")
                == true)
    }
}
