import AuditCore
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Certificate Transparency containers read as items: RFC 6962 get-entries pages, binary
/// MerkleTreeLeaf files and static-ct-api data tiles (raw and gzip), with entry types and RFC 6962
/// leaf hashes in the locators; the inconsistent precert pair of ../shared is reported.
@Suite struct CTReaderTests {
    static func items(_ path: String) -> [InputItem] {
        let reader = InputReader(paths: [path])
        var items: [InputItem] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    static func leafHash(_ item: InputItem) -> String? {
        item.source.range(of: ", leaf ", options: .backwards).map { String(item.source[$0.upperBound...].prefix(64)) }
    }

    /// Leaf hashes computed independently (python, SHA-256(0x00 ‖ leaf_input)).
    static let pilotLeafHashes = [
        "c036e5ae4065859ed4aa298e6914b5f0c8eabcdcadfc5736b5ccba9d638d63ce",
        "fcd783d915495279f3ade05e28ce1f0825a4f8a6731b672d1dd9bd2cb9e0c096",
        "87a5a8eb3bcef9ddbddea6ddff96dfc0c69ef5e8788c06542ebea2d9f2c0a29e",
        "6504ccf20e26a9ff3431becb1d31097cc58adc39490beced33758d3e7601f587",
        "996631b6510274d364d5bd58aff1064a8e194df02284fe36b5e980ead19d01f2",
        "c76bd45595d98d2514422aeb4990b9925bd3d72003742620623165a560321bff",
        "6bdd66a418cbd24807b435a982c410cfcba3c62e141f19aa2eab5130c8fd43b5",
        "807497fd95cf26d35743c4c02f90baf9e3ca41c8d0c9c3d9ecd08ca674b1af20",
        "23521e4805ddf726a2ca3b8e5f7e97b26a46c330e43c144c6bb5ed4cb016cc6d",
        "c2734ad572e60f7f01f7cae9c2a119abb18f2166a39f87e59851cc547f6d19ec",
    ]

    @Test func sharedPagesTilesAndLeavesReadWithTheirLeafHashes() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let ct = shared.appendingPathComponent("ct")
        let first = Self.items(ct.appendingPathComponent("rfc6962-get-entries/google-pilot-first-4-entries.json").path)
        let six = Self.items(ct.appendingPathComponent("rfc6962-get-entries/google-pilot-6-entries.json").path)
        let tile = Self.items(ct.appendingPathComponent("static-ct-tile/synthetic-data-tile-10.gz").path)
        #expect(first.count == 4 && six.count == 6 && tile.count == 10)
        #expect((first + six).map(Self.leafHash) == Self.pilotLeafHashes)
        #expect(tile.map(Self.leafHash) == Self.pilotLeafHashes)
        for item in first + six + tile {
            #expect(item.problem == nil, "\(item.source)")
            #expect(item.source.contains("x509_entry"))
            #expect(item.bytes.first == 0x30)
        }
        // The tile logs the same certificates as the pages.
        #expect(tile.map(\.bytes) == (first + six).map(\.bytes))

        let x509 = Self.items(ct.appendingPathComponent("raw-entry/x509_leaf_input.bin").path)
        #expect(x509.count == 1 && x509[0].problem == nil)
        #expect(Self.leafHash(x509[0]) == "cd83b66cd0638ca072561db3cce3531bc14284ea257e9fcb67c336ec9f48c8c7")

        // The stored precert pair is two different entries: reported, not checked as if it were one.
        let leaf = [UInt8](try Data(contentsOf: ct.appendingPathComponent("raw-entry/precert_leaf_input.bin")))
        let extra = [UInt8](try Data(contentsOf: ct.appendingPathComponent("raw-entry/precert_extra_data.bin")))
        let entry = CTEntries.logEntry(leaf: leaf, extraData: extra, position: "pair")
        #expect(entry.kind == .precert)
        #expect(
            entry.leafHash.map { $0.map { String(format: "%02x", $0) }.joined() }
                == "0d9a74f704b5323b63a0ce261c88d4f16d911930f0010aef3f8c935878d5180b")
        let problem = try #require(entry.problem)
        #expect(problem.contains("precert_entry inconsistent"))
        for field in ["serialNumber", "subject", "subjectPublicKeyInfo", "issuer_key_hash"] {
            #expect(problem.contains(field), "\(problem)")
        }
        // Alone, a precert leaf lacks the pre-certificate.
        #expect(
            Self.items(ct.appendingPathComponent("raw-entry/precert_leaf_input.bin").path).first?.problem?.contains(
                "extra_data") == true)
    }

    /// A data tile written here from the project's own certificate: two entries with leaf_index
    /// extensions, then a truncated third; the index and a leaf hash computed by hand.
    @Test func ownTileWithLeafIndexAndATruncatedEntry() throws {
        let certificate = try Repository.der("certificates/leaf-ok.pem")
        func entry(_ index: Int) -> [UInt8] {
            let timestamp: [UInt8] = [0x00, 0x00, 0x01, 0x9B, 0x00, 0x00, 0x00, UInt8(index)]
            let length = certificate.count
            let leafIndex: [UInt8] = [0x00, 0x08, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, UInt8(index)]
            return timestamp + [0x00, 0x00] + [UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
                + certificate
                + leafIndex + [0x00, 0x00]
        }
        let stamped = Array(entry(0).dropLast(2))
        let tile = entry(0) + entry(1) + Array(entry(2).prefix(40))
        let entries = CTEntries.tile(tile, tileNumber: 1)
        #expect(entries.count == 3)
        #expect(entries[0].position == "log index 256" && entries[1].position == "log index 257")
        #expect(entries[0].problem == nil && entries[1].problem == nil)
        #expect(entries[0].certificate == certificate)
        #expect(entries[0].leafHash == CTEntries.sha256([[0x00, 0x00, 0x00], stamped[...]]))
        #expect(entries[2].problem?.contains("truncated") == true)
        // A tile whose leaf_index disagrees with its place is reported.
        #expect(CTEntries.tile(entry(1), tileNumber: 1).first?.problem?.contains("leaf_index") == true)
        #expect(CTEntries.tileNumber(inPath: "log/tile/data/x001/x234/067.p/10") == 1_234_067)
        #expect(CTEntries.tileNumber(inPath: "log/tile/data/005") == 5)
        #expect(CTEntries.isTile(tile) && !CTEntries.isLeaf(tile))
        #expect(!CTEntries.isTile(certificate))
    }
}
