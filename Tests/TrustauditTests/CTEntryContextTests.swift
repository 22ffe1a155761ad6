import Digests
import Foundation
import Pipeline
import TestSupport
import Testing

/// CT entries are checked in their log context (issue #8): the chain stored with an entry serves
/// as its issuers, and the poison extension belongs in a precert_entry's pre-certificate only.
@Suite(.serialized) struct CTEntryContextTests {
    typealias CLI = CommandLineTests

    static func checks(_ record: [String: Any], _ id: String) -> [String] {
        ((record["checks"] as? [[String: Any]]) ?? []).filter { $0["requirement"] as? String == id }.compactMap {
            $0["outcome"] as? String
        }
    }

    /// A get-entries page holding one x509_entry, with `chain` as its extra_data.
    static func page(certificate: [UInt8], chain: [[UInt8]]) -> Data {
        func uint24(_ n: Int) -> [UInt8] { [UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
        let leaf: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x01, 0x9B, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00] + uint24(certificate.count)
            + certificate + [0x00, 0x00]
        let list = chain.flatMap { uint24($0.count) + $0 }
        let extra = uint24(list.count) + list
        return Data(
            "{\"entries\":[{\"leaf_input\":\"\(Data(leaf).base64EncodedString())\",\"extra_data\":\"\(Data(extra).base64EncodedString())\"}]}"
                .utf8)
    }

    @Test func chainOfTheEntryIsItsIssuerAndPoisonIsRefusedInAnX509Entry() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustaudit-ct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let issuing = try Repository.der("certificates/issuing-ca.pem")
        let leaf = try Repository.der("certificates/leaf-ok.pem")
        let precertificate = try Repository.der("certificates/etsi/qevcp-w__precert.pem")
        let final = folder.appendingPathComponent("final.json")
        let poisoned = folder.appendingPathComponent("poisoned.json")
        try Self.page(certificate: leaf, chain: [issuing]).write(to: final)
        try Self.page(certificate: precertificate, chain: [issuing]).write(to: poisoned)

        let alone = try CLI.run([
            "check", "--quiet", "--at", "2026-06-01T12:00:00Z",
            Repository.testVectors.appendingPathComponent("certificates/leaf-ok.pem").path,
        ])
        let logged = try CLI.run(["check", "--quiet", "--at", "2026-06-01T12:00:00Z", final.path])
        // Alone, the leaf's signature cannot be checked; from the log, its stored chain verifies it.
        #expect(Self.checks(alone.lines[0], "CERT-018") == ["notChecked"])
        #expect(Self.checks(logged.lines[0], "CERT-018") == ["pass"])
        #expect((logged.lines[0]["source"] as? String)?.contains("x509_entry") == true)

        let wrong = try CLI.run(["check", "--quiet", "--at", "2026-06-01T12:00:00Z", poisoned.path])
        #expect(Self.checks(wrong.lines[0], "CERT-108") == ["fail"])
        // The same precertificate on its own is a well-formed precertificate.
        let plain = try CLI.run([
            "check", "--quiet", "--at", "2026-06-01T12:00:00Z",
            Repository.testVectors.appendingPathComponent("certificates/etsi/qevcp-w__precert.pem").path,
        ])
        #expect(Self.checks(plain.lines[0], "CERT-108") == ["pass"])
    }

    /// A static-ct-api dump: a data tile names its chain by SHA-256 fingerprints and the log
    /// serves them at `<prefix>/issuer/<hex>`; the tile's issuers are found there, a file whose
    /// content is not its fingerprint is not used, and a page's file name gives its log indices.
    @Test func tileChainsResolveThroughTheIssuerFolderAndPageNamesGiveIndices() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trustaudit-tiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let issuing = try Repository.der("certificates/issuing-ca.pem")
        let leaf = try Repository.der("certificates/leaf-ok.pem")
        let fingerprint = SHA256.digest(issuing)
        let hex = fingerprint.map { String(format: "%02x", $0) }.joined()
        func uint24(_ n: Int) -> [UInt8] { [UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
        let entry: [UInt8] =
            [0x00, 0x00, 0x01, 0x9B, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00] + uint24(leaf.count) + leaf
            + [0x00, 0x00] + [0x00, 0x20] + fingerprint
        func writeLog(_ name: String, issuer: [UInt8]?) throws -> String {
            let data = folder.appendingPathComponent("\(name)/tile/data")
            try FileManager.default.createDirectory(
                at: data.appendingPathComponent("000.p"), withIntermediateDirectories: true)
            try Data(entry).write(to: data.appendingPathComponent("000.p/1"))
            if let issuer {
                let issuers = folder.appendingPathComponent("\(name)/issuer")
                try FileManager.default.createDirectory(at: issuers, withIntermediateDirectories: true)
                try Data(issuer).write(to: issuers.appendingPathComponent(hex))
            }
            return data.path
        }
        func cert018(_ path: String) throws -> [String] {
            let run = try CLI.run(["check", "--quiet", "--at", "2026-06-01T12:00:00Z", path])
            #expect(run.lines.count == 1)
            #expect((run.lines.first?["source"] as? String)?.contains("x509_entry, log index 0") == true)
            return run.lines.first.map { Self.checks($0, "CERT-018") } ?? []
        }
        #expect(try cert018(writeLog("with-issuers", issuer: issuing)) == ["pass"])
        #expect(try cert018(writeLog("without-issuers", issuer: nil)) == ["notChecked"])
        // A file named by the fingerprint whose bytes are another certificate is not the issuer.
        #expect(
            try cert018(writeLog("wrong-issuer", issuer: try Repository.der("certificates/root-ca.pem"))) == [
                "notChecked"
            ])

        // A page saved under its request URL (wget) or as N-M.json names log indices.
        for name in ["get-entries?start=1000&end=1000", "1000-1000.json"] {
            let page = folder.appendingPathComponent(name)
            try Self.page(certificate: leaf, chain: [issuing]).write(to: page)
            let run = try CLI.run(["check", "--quiet", "--at", "2026-06-01T12:00:00Z", page.path])
            #expect(
                (run.lines.first?["source"] as? String)?.contains("x509_entry, log index 1000, leaf ") == true,
                "\(name)")
        }
    }

    /// The shared Pilot pages: every entry's stored chain verifies its certificate.
    @Test func pilotEntriesVerifyWithTheirStoredChains() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let page = shared.appendingPathComponent("ct/rfc6962-get-entries/google-pilot-first-4-entries.json").path
        let run = try CLI.run(["check", "--quiet", "--at", "2013-04-01T00:00:00Z", page])
        #expect(run.lines.count == 4)
        for record in run.lines { #expect(Self.checks(record, "CERT-018") == ["pass"], "\(record["source"] ?? "")") }
    }
}
