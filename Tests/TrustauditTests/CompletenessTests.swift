import Foundation
import TestSupport
import Testing

/// The completeness proof (issue #8): the RFC 6962 leaf hashes of the checked entries rebuild
/// the checkpoint's root only when every entry was checked, once, in order.
@Suite(.serialized) struct CompletenessTests {
    typealias CLI = CommandLineTests

    /// RFC 6962 §2.1 as written (recursive, in python with hashlib), independent of the tool's
    /// one-pass implementation: the root over TimestampedEntries given one hex line each.
    static func pythonRoot(_ stamped: [[UInt8]]) throws -> [UInt8] {
        let script = """
            import hashlib, sys
            leaves = [hashlib.sha256(b"\\x00\\x00\\x00" + bytes.fromhex(l)).digest() for l in sys.stdin.read().split()]
            def mth(d):
                if len(d) == 1: return d[0]
                k = 1
                while k * 2 < len(d): k *= 2
                return hashlib.sha256(b"\\x01" + mth(d[:k]) + mth(d[k:])).digest()
            sys.stdout.write(mth(leaves).hex())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(
            Data(stamped.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let hex = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
    }

    /// A static-ct-api log of 300 entries (one full data tile, one partial of 44) written from
    /// the project's own certificate, its checkpoint, and the evidence of checking it.
    @Test func generatedLogProvesCompleteAndFailsWhenAnEntryIsSkippedOrMoved() throws {
        let certificate = try Repository.der("certificates/leaf-ok.pem")
        func entry(_ index: Int) -> [UInt8] {
            let timestamp: [UInt8] = [0x00, 0x00, 0x01, 0x9B, 0x00, 0x00, UInt8(index >> 8), UInt8(index & 0xFF)]
            let length = certificate.count
            let leafIndex: [UInt8] = [
                0x00, 0x08, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, UInt8(index >> 8), UInt8(index & 0xFF),
            ]
            return timestamp + [0x00, 0x00, UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
                + certificate + leafIndex
        }
        let stamped = (0..<300).map(entry)
        let root = try Self.pythonRoot(stamped)
        #expect(root.count == 32)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trustaudit-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func writeLog(_ name: String, _ order: [Int]) throws -> String {
            let data = folder.appendingPathComponent("\(name)/tile/data")
            try FileManager.default.createDirectory(
                at: data.appendingPathComponent("001.p"), withIntermediateDirectories: true)
            let tile = { (indices: ArraySlice<Int>) in Data(indices.flatMap { stamped[$0] + [0x00, 0x00] }) }
            try tile(order.prefix(256)).write(to: data.appendingPathComponent("000"))
            try tile(order.dropFirst(256)).write(to: data.appendingPathComponent("001.p/\(order.count - 256)"))
            let evidence = folder.appendingPathComponent("\(name).jsonl").path
            #expect(
                try CLI.run([
                    "check", "--quiet", "--jobs", "2", "--at", "2026-06-01T12:00:00Z", "--out", evidence, data.path,
                ]).status <= 1)
            return evidence
        }
        let checkpoint = folder.appendingPathComponent("checkpoint").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("trustaudit.test/log\n300\n\(Data(root).base64EncodedString())\n\n".utf8).write(
            to: URL(fileURLWithPath: checkpoint))

        let complete = try CLI.run([
            "completeness", "--checkpoint", checkpoint, try writeLog("complete", Array(0..<300)),
        ])
        #expect(complete.status == 0, "\(String(decoding: complete.stdout, as: UTF8.self))")
        #expect(
            String(decoding: complete.stdout, as: UTF8.self).contains(
                "complete: every entry up to tree size 300 was checked"))

        // The same proof from the trailers of a sharded run (shards of 256 = one data tile each).
        let shardDir = folder.appendingPathComponent("shards").path
        _ = try CLI.run([
            "check", "--quiet", "--at", "2026-06-01T12:00:00Z", "--shard-size", "256", "--shard-dir", shardDir,
            folder.appendingPathComponent("complete/tile/data").path,
        ])
        let fromShards = try CLI.run(["completeness", "--checkpoint", checkpoint, "--shards", shardDir])
        #expect(fromShards.status == 0, "\(String(decoding: fromShards.stdout, as: UTF8.self))")

        let skipped = try CLI.run([
            "completeness", "--checkpoint", checkpoint, try writeLog("skipped", (0..<300).filter { $0 != 77 }),
        ])
        #expect(skipped.status == 1)
        var swapped = Array(0..<300)
        swapped.swapAt(10, 11)
        let moved = try CLI.run(["completeness", "--checkpoint", checkpoint, try writeLog("moved", swapped)])
        #expect(moved.status == 1)
        #expect(String(decoding: moved.stdout, as: UTF8.self).contains("do not rebuild the log's root"))
    }

    /// On the shared Pilot samples: the tile's ten leaves give the root computed independently
    /// (python), and the stored get-sth verifies with the log's key.
    @Test func pilotSamplesRootAndSignedTreeHead() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let ct = shared.appendingPathComponent("ct")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trustaudit-pilot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("tile.jsonl").path
        _ = try CLI.run([
            "check", "--quiet", "--out", evidence,
            ct.appendingPathComponent("static-ct-tile/synthetic-data-tile-10.gz").path,
        ])
        let root = Data(
            stride(from: 0, to: 64, by: 2).map {
                UInt8(
                    "0999ab36a65dacf4d84c1e1268555415ec5fb8223b1d7f5c251176ddbd2e154f".dropFirst($0).prefix(2),
                    radix: 16)!
            })
        let checkpoint = folder.appendingPathComponent("checkpoint").path
        try Data("pilot-sample\n10\n\(root.base64EncodedString())\n\n".utf8).write(to: URL(fileURLWithPath: checkpoint))
        #expect(try CLI.run(["completeness", "--checkpoint", checkpoint, evidence]).status == 0)
        let sth = try CLI.run([
            "completeness", "--checkpoint", ct.appendingPathComponent("rfc6962-get-entries/google-pilot-sth.json").path,
            "--log-key", ct.appendingPathComponent("rfc6962-get-entries/google-pilot-log-key.spki.b64").path, evidence,
        ])
        let text = String(decoding: sth.stdout, as: UTF8.self)
        #expect(text.contains("checkpoint signature: valid"))
        #expect(text.contains("NOT complete: 10 entries checked, the log has 7872977"))
        #expect(sth.status == 1)
    }
}
