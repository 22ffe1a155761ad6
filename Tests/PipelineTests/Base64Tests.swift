import Foundation
import Testing

@testable import Pipeline

/// The strict base64 decoder of PEM bodies and base64 lines against Foundation's, on every length
/// around the decoder's eight-character steps, with whitespace, padding and foreign characters
/// placed anywhere.
@Suite struct Base64Tests {
    /// Deterministic bytes, so a failure names a length that reproduces.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func encoded(_ bytes: [UInt8]) -> [UInt8] {
        Array(Data(bytes).base64EncodedString().utf8)
    }

    @Test func decodesWhatFoundationEncodes() {
        for count in 1...200 {
            let original = Self.bytes(count, seed: UInt64(count))
            #expect(Base64.decode(Self.encoded(original)) == original, "length \(count)")
        }
    }

    @Test func ignoresWhitespaceAnywhere() {
        for count in [1, 5, 6, 7, 47, 48, 49, 300] {
            let original = Self.bytes(count, seed: 7)
            let text = Self.encoded(original)
            for position in stride(from: 0, through: text.count, by: max(1, text.count / 13)) {
                for space: UInt8 in [0x20, 0x09, 0x0D, 0x0A] {
                    var spaced = text
                    spaced.insert(space, at: position)
                    #expect(Base64.decode(spaced) == original, "length \(count), space at \(position)")
                }
            }
        }
    }

    @Test func refusesForeignCharactersAnywhere() {
        let text = Self.encoded(Self.bytes(120, seed: 3))
        for position in 0..<text.count {
            for foreign: UInt8 in [0x2D, 0x5F, 0x00, 0x80, 0xFF, 0x2E] {
                var broken = text
                broken[position] = foreign
                #expect(Base64.decode(broken) == nil, "\(foreign) at \(position)")
            }
        }
    }

    @Test func refusesMisplacedPaddingAndShortGroups() {
        let text = Self.encoded(Self.bytes(30, seed: 5)) // 40 characters, no padding
        for position in 0..<(text.count - 2) {
            var padded = text
            padded[position] = 0x3D
            #expect(Base64.decode(padded) == nil, "= at \(position)")
        }
        for cut in 1...3 {
            #expect(Base64.decode(text.dropLast(cut)) == nil, "\(cut) characters short")
        }
        #expect(Base64.decode(Array("AQ==AQID".utf8)) == nil, "data after the padding")
        #expect(Base64.decode(Array("  \n".utf8)) == nil, "nothing but whitespace")
        #expect(Base64.decode(Array("AQ==".utf8)) == [1])
        #expect(Base64.decode(Array("AQI=".utf8)) == [1, 2])
    }
}
