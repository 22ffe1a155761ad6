import AuditCore
import Foundation
import Pipeline
import TestSupport
import Testing

@Suite struct InputReaderTests {
    static func items(_ paths: [String]) -> [InputItem] {
        let reader = InputReader(paths: paths)
        var items: [InputItem] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    static func temporaryFile(_ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ta-\(UUID()).txt")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func pemBundleWithGarbageGivesOneItemPerBlock() {
        let items = Self.items([
            Repository.testVectors.appendingPathComponent("certificates/bundle-with-garbage.pem").path
        ])
        #expect(items.map(\.index) == [0, 1, 2])
        #expect(
            items.map { $0.source.split(separator: "/").last! } == [
                "bundle-with-garbage.pem#1", "bundle-with-garbage.pem#2", "bundle-with-garbage.pem#3",
            ])
        #expect(items[0].problem == nil && items[2].problem == nil)
        #expect(items[1].problem == "PEM block CERTIFICATE does not contain valid base64")
        #expect(items[0].bytes.first == 0x30)
    }

    @Test func blockWithoutEndDoesNotSwallowTheNextBlock() throws {
        let pem = try String(
            contentsOf: Repository.testVectors.appendingPathComponent("certificates/leaf-ok.pem"), encoding: .utf8)
        let path = try Self.temporaryFile(
            "-----BEGIN CERTIFICATE-----\nMIIB\n" + pem + "-----BEGIN CERTIFICATE-----\nAAAA\n")
        let items = Self.items([path])
        #expect(items.count == 3)
        #expect(items[0].problem?.contains("no END line before the next BEGIN") == true)
        #expect(items[1].problem == nil)
        #expect(items[2].problem?.contains("no END line (file truncated?)") == true)
    }

    @Test func base64LinesGiveOneItemPerNonEmptyLine() throws {
        let path = try Self.temporaryFile("AQID\n\n  \nnot base64!\r\nBAUG\n")
        let items = Self.items([path])
        #expect(items.map(\.bytes) == [[1, 2, 3], Array("not base64!".utf8), [4, 5, 6]])
        #expect(items.map { $0.problem != nil } == [false, true, false])
        #expect(items.map { $0.source.hasSuffix("#\($0.index + 1)") } == [true, true, true])
    }

    @Test func binaryAndXMLFilesAreOneItemEach() {
        let der = Repository.testVectors.appendingPathComponent("certificates/trailing-byte.der").path
        let xml = Repository.testVectors.appendingPathComponent("trusted-lists/tl-v5-minimal.xml").path
        let items = Self.items([der, xml])
        #expect(items.map(\.source) == [der, xml])
        #expect(items[0].bytes.count == 847)
    }

    @Test func emptyFileIsOneEmptyItem() throws {
        let items = Self.items([Repository.testVectors.appendingPathComponent("certificates/empty.bin").path])
        #expect(items.count == 1)
        #expect(items[0].bytes.isEmpty)
    }

    @Test func directoriesAreReadRecursivelyInSortedOrder() {
        let root = Repository.testVectors.appendingPathComponent("trusted-lists").path
        let items = Self.items([root])
        // Paths relative to the folder (trusted-lists/pivots/ holds files too), '#n' item suffixes dropped.
        let names = items.map { String($0.source.dropFirst(root.count + 1).split(separator: "#").first!) }
        #expect(Set(names).contains("pivots/lotl-pivot-11.xml"))
        #expect(names == names.sorted())
        #expect(
            names.count == Repository.files(under: Repository.testVectors.appendingPathComponent("trusted-lists")).count
        )
    }

    @Test func missingInputBecomesAnItemWithAProblem() {
        let items = Self.items(["/nonexistent/trustaudit-input"])
        #expect(items.count == 1)
        #expect(items[0].problem == "input not found: /nonexistent/trustaudit-input")
    }

    @Test func longLinesStreamWithoutLoss() throws {
        // 3 000 base64 lines crossing the reader's chunk boundaries.
        let line = Data(repeating: 0xAB, count: 300).base64EncodedString()
        let path = try Self.temporaryFile(Array(repeating: line, count: 3_000).joined(separator: "\n"))
        let items = Self.items([path])
        #expect(items.count == 3_000)
        #expect(items.allSatisfy { $0.bytes.count == 300 && $0.problem == nil })
    }
}
