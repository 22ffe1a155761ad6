import AuditCore
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

    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }

    private mutating func string(_ text: String) {
        bytes.append(0x22)
        JSONEscaping.withEscaped(text) { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
    }
}
