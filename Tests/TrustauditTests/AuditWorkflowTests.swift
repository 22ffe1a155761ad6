import Foundation
import TestSupport
import Testing

/// The audit workflow end to end (issue #7): reproducible samples, evidence bundles that
/// re-run byte for byte, their verification after tampering, SARIF, and the HTML report in a
/// real headless browser.
@Suite(.serialized) struct AuditWorkflowTests {
    typealias CLI = CommandLineTests
    static let at = "2026-06-01T12:00:00Z"
    static let certificates = Repository.testVectors.appendingPathComponent("certificates").path
    static let signKey = Repository.testVectors.appendingPathComponent("keys/issuing-ca-key.pem").path
    static let signCert = Repository.testVectors.appendingPathComponent("certificates/issuing-ca.pem").path

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trustaudit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func sampleIsTheSameForTheSameSeedAndPopulation() throws {
        let first = try CLI.run(["sample", "--quiet", "--size", "10", "--seed", "audit-2026", Self.certificates])
        let second = try CLI.run(["sample", "--quiet", "--size", "10", "--seed", "audit-2026", Self.certificates])
        let other = try CLI.run(["sample", "--quiet", "--size", "10", "--seed", "audit-2027", Self.certificates])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
        let lines = String(decoding: first.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 11)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let sampling = try #require(header["sampling"] as? [String: Any])
        let population = try CLI.run(["check", "--quiet", "--at", Self.at, Self.certificates]).lines.count
        #expect(sampling["populationCount"] as? Int == population)
        #expect(sampling["sampleSize"] as? Int == 10)
        #expect(sampling["seed"] as? String == "audit-2026")
    }

    @Test func sampleSizeFollowsTheBinomialMethod() throws {
        let run = try CLI.run([
            "sample", "--confidence", "0.95", "--tolerable-rate", "0.05", "--expected-rate", "0.01", "--seed", "s",
            Self.certificates,
        ])
        let header = try #require(String(decoding: run.stdout, as: UTF8.self).split(separator: "\n").first)
        let sampling = try #require(
            (try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])?["sampling"] as? [String: Any]
        )
        let population = sampling["populationCount"] as? Int ?? 0
        // 93 for 95 % confidence, 5 % tolerable, 1 % expected (AICPA table); capped by the population.
        #expect(sampling["sampleSize"] as? Int == min(93, population))
        #expect(sampling["acceptableDeviations"] as? Int == 1)
        #expect((sampling["sizeMethod"] as? String ?? "").contains("binomial"))
        #expect(
            try CLI.run([
                "sample", "--confidence", "0.95", "--tolerable-rate", "0.05", "--expected-rate", "0.06", "--seed", "s",
                Self.certificates,
            ]).status == 2)
    }

    @Test func sampleFileIsCheckedAndItsSamplingRecorded() throws {
        let folder = try Self.temporaryFolder("sample")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = folder.appendingPathComponent("sample.jsonl").path
        #expect(
            try CLI.run(["sample", "--quiet", "--size", "7", "--seed", "42", "--out", sample, Self.certificates]).status
                == 0)
        let bundle = folder.appendingPathComponent("bundle")
        for jobs in ["1", "2"] {
            let run = try CLI.run([
                "check", "--quiet", "--jobs", jobs, "--at", Self.at, "--bundle", bundle.path, sample,
            ])
            #expect(run.lines.count == 7)
            #expect(run.lines.allSatisfy { ($0["source"] as? String ?? "").contains("population #") })
        }
        let manifest = try Self.json(bundle.appendingPathComponent("manifest.json"))
        let sampling = try #require(manifest["sampling"] as? [String: Any])
        #expect(sampling["seed"] as? String == "42")
        #expect(sampling["sampleSize"] as? Int == 7)
    }

    /// Two runs give the same bytes but for the manifest's volatile fields; verify-bundle accepts
    /// the untouched bundle and names the file after any one-byte change, addition or removal.
    @Test func bundleRerunsByteForByteAndVerificationNamesTamperedFiles() throws {
        let folder = try Self.temporaryFolder("bundle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first")
        let second = folder.appendingPathComponent("second")
        for (bundle, jobs) in [(first, "1"), (second, "2")] {
            let run = try CLI.run([
                "check", "--quiet", "--at", Self.at, "--jobs", jobs, "--bundle", bundle.path, "--sign-key",
                Self.signKey,
                "--sign-cert", Self.signCert, Self.certificates + "/etsi",
            ])
            #expect(run.status == 1)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(
            names == [
                "coverage.json", "coverage.md", "evidence.jsonl", "manifest.json", "manifest.json.p7s", "report.csv",
                "report.html", "summary.json",
            ])
        for name in names where name != "manifest.json" && name != "manifest.json.p7s" {
            #expect(
                try Data(contentsOf: first.appendingPathComponent(name))
                    == Data(contentsOf: second.appendingPathComponent(name)), "\(name) differs between runs")
        }
        var manifests = try [first, second].map { try Self.json($0.appendingPathComponent("manifest.json")) }
        #expect(manifests[0]["volatileFields"] as? [String] == ["startedAt", "finishedAt"])
        for index in manifests.indices {
            for field in ["startedAt", "finishedAt"] { manifests[index][field] = nil }
            manifests[index]["parameters"] = (manifests[index]["parameters"] as? [String: String])?.filter {
                $0.key != "jobs"
            }
        }
        #expect(NSDictionary(dictionary: manifests[0]).isEqual(to: manifests[1]))
        let intact = try CLI.run(["verify-bundle", first.path])
        #expect(intact.status == 0)
        #expect(intact.stdout.count > 0 && String(decoding: intact.stdout, as: UTF8.self).contains("signature: valid"))

        for name in names {
            let copy = folder.appendingPathComponent("tampered-\(name)")
            try FileManager.default.copyItem(at: first, to: copy)
            let file = copy.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: file))
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: file)
            let run = try CLI.run(["verify-bundle", copy.path])
            let text = String(decoding: run.stdout, as: UTF8.self) + run.stderr
            #expect(run.status != 0, "\(name): a one-byte change must be detected")
            let named =
                name.hasPrefix("manifest.json")
                ? text.contains("signature: INVALID") : text.contains("CHANGED  \(name)")
            #expect(named, "\(name): \(text)")
        }
        let added = folder.appendingPathComponent("added")
        try FileManager.default.copyItem(at: first, to: added)
        try Data("x".utf8).write(to: added.appendingPathComponent("notes.txt"))
        try FileManager.default.removeItem(at: added.appendingPathComponent("report.csv"))
        let run = try CLI.run(["verify-bundle", added.path])
        #expect(run.status == 1)
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("ADDED    notes.txt"))
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("REMOVED  report.csv"))
    }

    /// The coverage statement lists every requirement of every profile used.
    @Test func coverageListsEveryRequirementOfTheProfilesUsed() throws {
        let folder = try Self.temporaryFolder("coverage")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CLI.run(["check", "--quiet", "--at", Self.at, "--bundle", folder.path, Repository.testVectors.path])
        let coverage = try Self.json(folder.appendingPathComponent("coverage.json"))
        let rows = try #require(coverage["requirements"] as? [[String: Any]])
        let listed = Set(rows.compactMap { $0["requirement"] as? String })
        let profiles = try #require(
            try Self.json(folder.appendingPathComponent("summary.json"))["profiles"] as? [String])
        #expect(profiles.count >= 10)
        for profile in profiles {
            let requirements = try CLI.run(["requirements", "--profile", profile, "--format", "json"])
            let ids = ((try JSONSerialization.jsonObject(with: Data(requirements.stdout))) as? [[String: Any]] ?? [])
                .compactMap { $0["id"] as? String }
            #expect(!ids.isEmpty, "\(profile)")
            for id in ids where !listed.contains(id) { Issue.record("coverage.json lacks \(id) of \(profile)") }
        }
        #expect(rows.contains { $0["status"] as? String == "manual" })
        #expect(
            rows.allSatisfy {
                ["evaluated", "not applicable", "not checked", "not evaluated", "manual"].contains(
                    $0["status"] as? String ?? "")
            })
    }

    /// A PKCS#12 signing key with its password file signs the bundle; a wrong password is a
    /// usage error before anything is written.
    @Test func pkcs12KeySignsTheBundle() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            print("openssl CLI not installed: PKCS#12 signing not tested (the PEM path is)")
            return
        }
        let folder = try Self.temporaryFolder("pkcs12")
        defer { try? FileManager.default.removeItem(at: folder) }
        let p12 = folder.appendingPathComponent("auditor.p12").path
        let export = Process()
        export.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        export.arguments = [
            "pkcs12", "-export", "-inkey", Self.signKey, "-in", Self.signCert, "-out", p12, "-passout", "pass:s3cret",
        ]
        try export.run()
        export.waitUntilExit()
        #expect(export.terminationStatus == 0)
        let password = folder.appendingPathComponent("password").path
        try Data("s3cret\n".utf8).write(to: URL(fileURLWithPath: password))
        let bundle = folder.appendingPathComponent("bundle").path
        let leaf = Self.certificates + "/leaf-ok.pem"
        #expect(
            try CLI.run([
                "check", "--quiet", "--bundle", bundle, "--sign-key", p12, "--sign-password-file", password, leaf,
            ]).status == 0)
        let verified = try CLI.run(["verify-bundle", bundle])
        #expect(verified.status == 0)
        #expect(
            String(decoding: verified.stdout, as: UTF8.self).contains(
                "signed by /C=BE/O=TrustAudit Test/CN=TrustAudit Test Issuing CA"))
        try Data("wrong\n".utf8).write(to: URL(fileURLWithPath: password))
        let refused = try CLI.run([
            "check", "--quiet", "--bundle", folder.appendingPathComponent("other").path, "--sign-key", p12,
            "--sign-password-file", password, leaf,
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--sign-password"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other").path))
    }

    @Test func sarifListsEveryFailedCheck() throws {
        let etsi = Self.certificates + "/etsi"
        let sarif = try CLI.run(["check", "--quiet", "--at", Self.at, "--format", "sarif", etsi])
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let failed = try CLI.run(["check", "--quiet", "--at", Self.at, etsi]).lines.reduce(0) { total, record in
            total + ((record["checks"] as? [[String: Any]]) ?? []).filter { $0["outcome"] as? String == "fail" }.count
        }
        #expect(results.count == failed)
        #expect(results.allSatisfy { ["error", "warning", "note"].contains($0["level"] as? String ?? "") })
        let rules = Set(
            (((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? [])
                .compactMap { $0["id"] as? String })
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == rules)
    }

    /// report.html renders in Debian's headless Chromium: data rendered, charts drawn, no
    /// script error, a non-blank screenshot (scripts/report-browser-check.sh).
    @Test func reportRendersInHeadlessChromium() throws {
        let folder = try Self.temporaryFolder("report")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CLI.run(["check", "--quiet", "--at", Self.at, "--bundle", folder.path, Repository.testVectors.path])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            Repository.root.appendingPathComponent("scripts/report-browser-check.sh").path,
            folder.appendingPathComponent("report.html").path, folder.appendingPathComponent("screenshot.png").path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "report-browser-check: \(text) (make test installs Debian's chromium)")
    }
}
