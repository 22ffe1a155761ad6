import AuditCore
import Foundation
import TestSupport
import Testing
import TrustedLists

/// libxml2 is linked and called, and hostile XML becomes TL-002 findings.
@Suite struct HardenedParsingTests {
    static func inspect(_ text: String) -> InspectedTrustedList { InspectedTrustedList(bytes: Array(text.utf8)) }

    @Test func libxml2ParsesATrustedListRoot() throws {
        let list = Self.inspect(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\"><tsl:SchemeInformation><tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier><tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists</tsl:TSLType></tsl:SchemeInformation></tsl:TrustServiceStatusList>"
        )
        let root = try list.parsed.get()
        #expect(root.name == "TrustServiceStatusList")
        #expect(root.namespace == InspectedTrustedList.namespace)
        #expect(list.detectedType == "lotl-v6")
    }

    @Test func ownVectorsPassOrFailTL002() throws {
        #expect(
            (try? InspectedTrustedList(bytes: try Repository.bytes("trusted-lists/tl-v5-minimal.xml")).parsed.get())
                != nil)
        for name in ["tl-not-well-formed.xml", "tl-xxe.xml", "tl-billion-laughs.xml"] {
            let list = InspectedTrustedList(bytes: try Repository.bytes("trusted-lists/\(name)"))
            guard case .failure(let error) = list.parsed else {
                Issue.record("\(name) parsed")
                continue
            }
            #expect(!error.reason.isEmpty)
        }
    }

    @Test func doctypeIsRefusedAtItsOffset() throws {
        let list = InspectedTrustedList(bytes: try Repository.bytes("trusted-lists/tl-xxe.xml"))
        guard case .failure(let error) = list.parsed else {
            Issue.record("parsed")
            return
        }
        #expect(error.location == "byte 39")
        #expect(error.reason.contains("DOCTYPE"))
    }

    @Test func notWellFormedReportsLineAndColumn() throws {
        let bytes = try Repository.bytes("trusted-lists/tl-not-well-formed.xml")
        let list = InspectedTrustedList(bytes: bytes)
        guard case .failure(let error) = list.parsed else {
            Issue.record("parsed")
            return
        }
        // The generator misspells one closing tag; libxml2 must name that line.
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let broken = try #require(lines.firstIndex { $0.contains("</tsl:SchemeTerritry>") }) + 1
        #expect(error.location.hasPrefix("line \(broken),"))
        #expect(error.reason.contains("SchemeTerritory"))
    }

    @Test func utf16AndForeignEncodingsAreRefused() {
        #expect((try? InspectedTrustedList(bytes: [0xFF, 0xFE, 0x3C, 0x00]).parsed.get()) == nil)
        let latin1 = Self.inspect("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>")
        #expect((try? latin1.parsed.get()) == nil)
    }

    @Test func commentsBeforeTheRootDoNotHideADoctype() {
        let list = Self.inspect("<?xml version=\"1.0\"?><!-- c --><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")
        #expect((try? list.parsed.get()) == nil)
    }

    @Test func realListsAreWellFormed() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let lists = Repository.files(
            under: shared.appendingPathComponent("trusted-lists/tl/eu-lotl"), extensions: ["xml"])
        #expect(lists.count > 10)
        for url in lists {
            let list = InspectedTrustedList(bytes: [UInt8](try Data(contentsOf: url)))
            #expect((try? list.parsed.get()) != nil, "\(url.lastPathComponent)")
        }
        let broken = InspectedTrustedList(
            bytes: [UInt8](
                try Data(contentsOf: shared.appendingPathComponent("trusted-lists/tl/negative/CZ-77-not-parsable.xml")))
        )
        #expect((try? broken.parsed.get()) == nil)
    }
}
