import Foundation
/// A minimal, allocation-light JSON writer (RFC 8259) for records whose shape is fixed.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    private var needsComma = false

    public init() { bytes.reserveCapacity(2048) }

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

    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }

    private mutating func string(_ text: String) {
        bytes.append(0x22)
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 in
            // Most values need no escaping: copy them in one go.
            guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else {
                bytes.append(contentsOf: utf8)
                return true
            }
            return false
        }
        if copied != true {
            for byte in text.utf8 { appendEscaped(byte) }
        }
        bytes.append(0x22)
    }
}
