import Certificates
import Foundation
import Testing

@testable import Revocation

/// The entry walk on CRLs built here byte by byte: counts, samples and the serial index.
@Suite struct CRLEntryWalkTests {
    /// A minimal TLV encoder for the tests.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let n = content.count
        let length: [UInt8] =
            n < 0x80
            ? [UInt8(n)]
            : n < 0x100
                ? [0x81, UInt8(n)]
                : n < 0x10000
                    ? [0x82, UInt8(n >> 8), UInt8(n & 0xFF)]
                    : [0x83, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        return [tag] + length + content
    }

    static func entry(serial: [UInt8], reason: UInt8? = nil) -> [UInt8] {
        var fields = tlv(0x02, serial) + tlv(0x17, Array("260515000000Z".utf8))
        if let reason {
            let ext = tlv(0x30, tlv(0x06, [0x55, 0x1D, 0x15]) + tlv(0x04, tlv(0x0A, [reason])))
            fields += tlv(0x30, ext)
        }
        return tlv(0x30, fields)
    }

    /// An unsigned CertificateList around `entries` (the walk does not look at the signature).
    static func crl(_ entries: [[UInt8]]) -> [UInt8] {
        let algorithm = tlv(0x30, tlv(0x06, [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]) + [0x05, 0x00])
        let name = tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, [0x55, 0x04, 0x03]) + tlv(0x0C, Array("CA".utf8)))))
        var tbs =
            tlv(0x02, [1]) + algorithm + name + tlv(0x17, Array("260601000000Z".utf8))
            + tlv(0x17, Array("260608000000Z".utf8))
        tbs += tlv(0x30, entries.flatMap { $0 })
        return tlv(0x30, tlv(0x30, tbs) + algorithm + tlv(0x03, [0, 1, 2, 3]))
    }

    @Test func countsReasonsAndFindsDuplicatesAndBadSerials() throws {
        let bytes = Self.crl([
            Self.entry(serial: [1], reason: 1), Self.entry(serial: [2], reason: 0), Self.entry(serial: [1]),
            Self.entry(serial: [0]), Self.entry(serial: [0x80, 1]), Self.entry(serial: [3], reason: 7),
        ])
        let list = try CertificateList(bytes: bytes)
        let walk = CRLEntryWalk(list, keepIndex: true)
        #expect(walk.entryCount == 6)
        #expect(walk.duplicates.count == 1)
        #expect(walk.serials.count == 2)
        #expect(walk.unspecifiedReasons.count == 1)
        #expect(walk.reasonCodes.count == 1)
        #expect(walk.reasonCounts[1] == 1)
        #expect(walk.serialIndex.count == 6)
        #expect(walk.unreadable == nil)
    }

    @Test func aTruncatedEntryStopsTheWalkWithItsOffset() throws {
        var bytes = Self.crl([Self.entry(serial: [1]), Self.entry(serial: [2])])
        // Make the second entry's serial (INTEGER 2, then its revocationDate) claim more octets
        // than the entry holds.
        let serial: [UInt8] = [0x02, 0x01, 0x02, 0x17]
        let at = try #require(
            (0...(bytes.count - serial.count)).first { Array(bytes[$0..<$0 + serial.count]) == serial })
        bytes[at + 1] = 0x7F
        let list = try CertificateList(bytes: bytes)
        let walk = CRLEntryWalk(list)
        #expect(walk.entryCount == 1)
        #expect(walk.unreadable != nil)
    }

    @Test func samplesKeepTheFirstFewAndCountTheRest() throws {
        let bytes = Self.crl((0..<40).map { _ in Self.entry(serial: [5]) })
        let walk = CRLEntryWalk(try CertificateList(bytes: bytes))
        #expect(walk.duplicates.count == 39)
        #expect(walk.duplicates.first.count == ProblemSample.kept)
    }

    /// 100 000 distinct serials and one repeated: the walk counts every entry, finds the one
    /// duplicate, and the packed index finds each serial (and not an absent one).
    @Test func aLargeCRLIsWalkedAndIndexed() throws {
        let serial = { (index: Int) -> [UInt8] in
            [0x01, UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF)]
        }
        var entries = (0..<100_000).map { Self.entry(serial: serial($0), reason: $0 % 10 == 0 ? 1 : nil) }
        entries.append(Self.entry(serial: serial(54_321)))
        let list = try CertificateList(bytes: Self.crl(entries))
        let walk = CRLEntryWalk(list, keepIndex: true)
        #expect(walk.entryCount == 100_001)
        #expect(walk.unreadable == nil)
        #expect(walk.duplicates.count == 1)
        #expect(walk.duplicates.first.first?.observed.contains("serial 0100D431") == true)
        #expect(walk.reasonCounts[1] == 10_000)
        #expect(walk.serialIndex.count == 100_001)
        let indexed = RevocationSources.IndexedCRL(
            source: "test", bytes: list.reader.bytes, list: list, entries: walk,
            authentication: .verified(issuerSubject: []))
        for probe in [0, 77_777, 99_999] {
            #expect(RevocationStatusRules.lookup(serial(probe)[...], in: indexed) != nil)
        }
        #expect(RevocationStatusRules.lookup([0x02, 0x00][...], in: indexed) == nil)
    }
}
