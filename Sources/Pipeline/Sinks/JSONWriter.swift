import Foundation
/// A minimal, allocation-light JSON writer (RFC 8259) for records whose shape is fixed.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() {
        separate()
        bytes.append(0x7B)
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(0x7D)
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(0x5B)
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(0x5D)
        needsComma = true
    }

    public mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(0x3A)
        needsComma = false
    }

    /// Bytes the caller has already encoded (punctuation and keys of a fixed shape), written as
    /// they are: the caller places its own commas.
    public mutating func verbatim(_ encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// A string or `null` as a bare value, without the comma bookkeeping (after ``verbatim(_:)``).
    public mutating func bareValue(_ value: String?) {
        if let value { string(value) } else { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }
    }

    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        self.value(value)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    public mutating func value(_ value: String?) {
        separate()
        if let value { string(value) } else { bytes.append(contentsOf: "null".utf8) }
        needsComma = true
    }

    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        separate()
        bytes.append(contentsOf: (value.map(String.init) ?? "null").utf8)
        needsComma = true
    }

    /// A number with up to six decimals, written the same way on every platform.
    public mutating func field(_ name: String, _ value: Double?) {
        key(name)
        separate()
        if let value {
            var text = String(format: "%.6f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            bytes.append(contentsOf: text.utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// Already-encoded JSON (an object or array written by another writer).
    public mutating func raw(_ name: String, _ json: [UInt8]) {
        key(name)
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        case 0x00..<0x20, 0x7F:
            let digits = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        default: bytes.append(byte)
        }
    }

    /// True when some byte is a control character, `"`, `\\` or DEL; eight bytes per step
    /// (a zero-byte test on the word XORed with each special byte, and a below-0x20 test).
    private static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        while index + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x22))
                || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x7F))
            {
                return true
            }
            index += 8
        }
        while index < utf8.count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            index += 1
        }
        return false
    }

    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }

    private mutating func string(_ text: String) {
        bytes.append(0x22)
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 in
            // Most values need no escaping: copy them in one go.
            guard !Self.needsEscaping(utf8) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied != true {
            for byte in text.utf8 { appendEscaped(byte) }
        }
        bytes.append(0x22)
    }
}
