import Certificates
import DERWalk
import Testing

@Suite struct DERScannerTests {
    private func violations(_ bytes: [UInt8]) -> [DERViolation] { DERScanner.scan(bytes).violations }

    @Test func strictDERHasNoViolations() {
        // SEQUENCE { BOOLEAN TRUE, INTEGER 128, NULL, OID 1.2.840.113549, SET { INTEGER 1, INTEGER 2 } }
        let der: [UInt8] = [
            0x30, 0x19, 0x01, 0x01, 0xFF, 0x02, 0x02, 0x00, 0x80, 0x05, 0x00, 0x06, 0x06, 0x2A, 0x86, 0x48, 0x86,
            0xF7, 0x0D, 0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02,
        ]
        #expect(violations(der).isEmpty)
        #expect(DERScanner.scan(der).valueLength == der.count)
    }

    @Test func indefiniteLengthIsReportedAtItsOctet() {
        let v = violations([0x30, 0x80, 0x05, 0x00, 0x00, 0x00])
        #expect(v.map(\.offset) == [1])
        #expect(v.first?.message.contains("indefinite") == true)
    }

    @Test func nonMinimalLengthIsReported() {
        let v = violations([0x04, 0x81, 0x01, 0xAA])
        #expect(v.map(\.offset) == [1])
        #expect(v.first?.message.contains("long form") == true)
    }

    @Test func booleanOtherThanFFIsReported() {
        let v = violations([0x30, 0x03, 0x01, 0x01, 0x01])
        #expect(v.map(\.offset) == [4])
    }

    @Test func nonMinimalIntegerIsReported() {
        #expect(violations([0x02, 0x02, 0x00, 0x01]).map(\.offset) == [2])
        #expect(violations([0x02, 0x02, 0xFF, 0x80]).map(\.offset) == [2])
        #expect(violations([0x02, 0x02, 0x00, 0x80]).isEmpty)
    }

    @Test func trailingBytesAreReported() {
        let v = violations([0x05, 0x00, 0x00])
        #expect(v.map(\.offset) == [2])
        #expect(v.first?.message.contains("after the end") == true)
    }

    @Test func truncationIsReportedWithDeclaredAndRemainingLengths() {
        let v = violations([0x30, 0x82, 0x03, 0x60, 0x30, 0x00])
        #expect(v.count == 1)
        #expect(v.first?.message == "truncated: declares 864 content bytes, only 2 remain")
    }

    @Test func unsortedSetOfIsReported() {
        let v = violations([0x31, 0x06, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01])
        #expect(v.map(\.offset) == [5])
    }

    @Test func constructedOctetStringIsReported() {
        let v = violations([0x24, 0x03, 0x04, 0x01, 0xAA])
        #expect(v.map(\.offset) == [0])
    }

    @Test func bitStringPaddingMustBeZero() {
        #expect(violations([0x03, 0x02, 0x01, 0x01]).map(\.offset) == [3])
        #expect(violations([0x03, 0x02, 0x01, 0x02]).isEmpty)
    }

    @Test func hostileNestingStopsAtTheDepthLimitWithoutCrashing() {
        let depth = 10_000
        var bytes = [UInt8]()
        for _ in 0..<depth { bytes += [0x30, 0x80] }
        let scan = DERScanner.scan(bytes)
        #expect(!scan.isStrictDER)
        #expect(scan.violations.count + scan.suppressedViolations >= 2)
    }

    @Test func absurdLengthIsAFindingNotACrash() {
        let v = violations([0x04, 0x89, 0x01, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(v.count == 1)
    }

    @Test func violationsAreCappedButCounted() {
        var bytes: [UInt8] = []
        for _ in 0..<100 { bytes += [0x01, 0x01, 0x01] } // 100 BOOLEANs 0x01 in a SEQUENCE
        let scan = DERScanner.scan([0x30, 0x82, 0x01, 0x2C] + bytes)
        #expect(scan.violations.count == DERScanner.violationLimit)
        #expect(scan.suppressedViolations == 100 - DERScanner.violationLimit)
    }
}

@Suite struct DERLengthTests {
    /// X.690 §10.1: the shortest form, at each boundary; the scanner reads back what is written.
    @Test(
        arguments: [
            (0, [0x00]), (127, [0x7F]), (128, [0x81, 0x80]), (255, [0x81, 0xFF]), (256, [0x82, 0x01, 0x00]),
            (65_535, [0x82, 0xFF, 0xFF]), (65_536, [0x83, 0x01, 0x00, 0x00]),
        ] as [(Int, [UInt8])])
    func shortestForm(length: Int, octets: [UInt8]) {
        #expect(DERLength.octets(length) == octets)
        let element = [UInt8(0x04)] + DERLength.octets(length) + [UInt8](repeating: 0x41, count: length)
        let scan = DERScanner.scan(element)
        #expect(scan.violations.isEmpty)
        #expect(scan.valueLength == element.count)
    }
}
