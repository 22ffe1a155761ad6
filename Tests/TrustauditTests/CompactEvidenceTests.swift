import Foundation
import TestSupport
import Testing

/// `--evidence compact` (issue #17): a record keeps identity, verdict, profile, failed checks in
/// full and the ids of checks not applicable or not checked; its plan digest, expanded by the
/// manifest, gives back exactly the passes of the full record.
@Suite(.serialized) struct CompactEvidenceTests {
    typealias CLI = CommandLineTests
    static let at = "2026-06-01T12:00:00Z"
    static let inputs = ["certificates", "timestamps", "revocation"].map {
        Repository.testVectors.appendingPathComponent($0).path
    }

    static func ids(_ value: Any?) -> [String] {
        (value as? [[String: Any]])?.compactMap { $0["requirement"] as? String } ?? []
    }

    @Test func compactRecordsRebuildTheFullRecordsOutcomes() throws {
        let work = try ShardTests.folder("compact")
        defer { try? FileManager.default.removeItem(at: work) }
        let manifest = work.appendingPathComponent("manifest.json").path
        let full = try CLI.run(["check", "--quiet", "--at", Self.at] + Self.inputs)
        let compact = try CLI.run(
            ["check", "--quiet", "--at", Self.at, "--evidence", "compact", "--manifest", manifest] + Self.inputs)
        #expect(compact.status == full.status)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any])
        #expect((object["parameters"] as? [String: String])?["evidence"] == "compact")
        let plans = try #require(object["plans"] as? [String: [String: Any]])
        try #require(full.lines.count == compact.lines.count)
        let compactLines = String(decoding: compact.stdout, as: UTF8.self).split(separator: "\n")
        for (position, (whole, small)) in zip(full.lines, compact.lines).enumerated() {
            for key in ["index", "source", "sha256", "kind", "type", "profile", "verdict"] {
                #expect("\(whole[key] ?? "")" == "\(small[key] ?? "")", "\(key) of \(whole["source"] ?? "")")
            }
            #expect(small["evidence"] as? String == "compact")
            #expect(small["profileReason"] == nil)
            let checks = whole["checks"] as? [[String: Any]] ?? []
            func outcome(_ name: String) -> Set<String> {
                Set(checks.filter { $0["outcome"] as? String == name }.compactMap { $0["requirement"] as? String })
            }
            let plan = try #require(plans[small["plan"] as? String ?? ""], "plan of \(whole["source"] ?? "")")
            #expect(plan["profile"] as? String == whole["profile"] as? String)
            let planned = Set(
                (plan["requirements"] as? [[String: Any]] ?? []).compactMap { $0["requirement"] as? String })
            #expect(planned == Set(checks.compactMap { $0["requirement"] as? String }))
            let failed = (small["checks"] as? [[String: Any]] ?? [])
            #expect(failed.allSatisfy { ["fail", "error"].contains($0["outcome"] as? String ?? "") })
            // Failed checks are the full record's, field for field.
            let fullFailed = checks.filter { ["fail", "error"].contains($0["outcome"] as? String ?? "") }
            #expect(failed.count == fullFailed.count)
            for (a, b) in zip(failed, fullFailed) { #expect(NSDictionary(dictionary: a).isEqual(to: b)) }
            #expect(Set(small["notApplicable"] as? [String] ?? []) == outcome("notApplicable"))
            #expect(Set(small["notChecked"] as? [String] ?? []) == outcome("notChecked"))
            let absent = planned.subtracting(Self.ids(small["checks"])).subtracting(
                small["notApplicable"] as? [String] ?? []
            )
            .subtracting(small["notChecked"] as? [String] ?? [])
            #expect(
                absent
                    == outcome("pass").subtracting(outcome("fail")).subtracting(outcome("notApplicable")).subtracting(
                        outcome("notChecked")))
            // ≤ 600 bytes for a conforming certificate whose source name takes 60 bytes (a CT
            // tile entry's does); the checkout's path length must not decide the test.
            if whole["verdict"] as? String == "conforming", whole["kind"] as? String == "certificate" {
                let source = (whole["source"] as? String ?? "").utf8.count
                #expect(
                    compactLines[position].utf8.count + 1 - source + 60 <= 600,
                    "\(whole["source"] ?? ""): \(compactLines[position].utf8.count) bytes")
            }
        }
    }

    @Test func compactShardsMergeToTheCompactRun() throws {
        let work = try ShardTests.folder("compact-shards")
        defer { try? FileManager.default.removeItem(at: work) }
        let manifest = work.appendingPathComponent("m.json").path
        let whole = try CLI.run(
            ["check", "--quiet", "--at", Self.at, "--evidence", "compact", "--manifest", manifest] + Self.inputs)
        let shards = work.appendingPathComponent("shards")
        _ = try CLI.run(
            [
                "check", "--quiet", "--at", Self.at, "--evidence", "compact", "--manifest", manifest,
                "--shard-size", "25", "--shard-dir", shards.path,
            ] + Self.inputs)
        let merged = try CLI.run(["merge", "--expect-items", String(whole.lines.count), shards.path])
        #expect(merged.status == 0)
        #expect(merged.stdout == whole.stdout)
    }

    @Test func compactNeedsAManifestAndJSONLines() throws {
        let input = Repository.testVectors.appendingPathComponent("certificates/v1.pem").path
        let noManifest = try CLI.run(["check", "--quiet", "--evidence", "compact", input])
        #expect(noManifest.status == 2)
        #expect(noManifest.stderr.contains("--evidence compact needs --manifest"))
        let sarif = try CLI.run([
            "check", "--quiet", "--evidence", "compact", "--manifest", "/dev/null", "--format", "sarif", input,
        ])
        #expect(sarif.status == 2)
    }

    @Test func aBundleKeepsFullRecords() throws {
        let work = try ShardTests.folder("compact-bundle")
        defer { try? FileManager.default.removeItem(at: work) }
        let bundle = work.appendingPathComponent("bundle")
        let input = Repository.testVectors.appendingPathComponent("certificates/v1.pem").path
        let run = try CLI.run([
            "check", "--quiet", "--at", Self.at, "--evidence", "compact", "--manifest",
            work.appendingPathComponent("m.json").path,
            "--bundle", bundle.path, input,
        ])
        #expect(run.lines.first?["evidence"] as? String == "compact")
        let bundled = try String(contentsOf: bundle.appendingPathComponent("evidence.jsonl"), encoding: .utf8)
        #expect(bundled.contains("\"profileReason\""))
        #expect(!bundled.contains("\"evidence\":\"compact\""))
        let verified = try CLI.run(["verify-bundle", bundle.path])
        #expect(verified.status == 0)
    }
}
