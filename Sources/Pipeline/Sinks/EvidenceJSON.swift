import AuditCore

/// Writes an evidence record as one line of JSON with a fixed key order, so the same evidence is
/// the same bytes on every machine (a public contract: keys are added, never renamed or dropped).
public enum EvidenceJSON {
    /// The record as UTF-8 JSON followed by `\n`.
    public static func line(_ evidence: ItemEvidence) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("index", evidence.index)
        out.field("source", evidence.source)
        out.field("sha256", evidence.sha256)
        out.field("kind", evidence.kind.rawValue)
        out.field("type", evidence.type)
        out.field("profile", evidence.profile)
        out.field("profileReason", evidence.profileReason)
        out.field("verdict", evidence.verdict.rawValue)
        out.key("failed")
        out.beginArray()
        for id in evidence.failedRequirements { out.value(id.rawValue) }
        out.endArray()
        out.key("checks")
        out.beginArray()
        for check in evidence.checks {
            out.beginObject()
            out.field("requirement", check.requirement.rawValue)
            out.field("standard", check.standard)
            out.field("version", check.version)
            out.field("clause", check.clause)
            out.field("outcome", check.outcome.rawValue)
            out.field("grade", check.grade.rawValue)
            out.field("observed", check.observed)
            out.field("expected", check.expected)
            out.field("location", check.location)
            out.field("message", check.message)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }
}

/// A minimal, allocation-light JSON writer (RFC 8259) for records whose shape is fixed.
struct JSONWriter {
    var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(2048) }

    mutating func beginObject() {
        separate()
        bytes.append(0x7B)
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(0x7D)
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(0x5B)
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(0x5D)
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(0x3A)
        needsComma = false
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        self.value(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func value(_ value: String?) {
        separate()
        if let value { string(value) } else { bytes.append(contentsOf: "null".utf8) }
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
        var text = text
        text.withUTF8 { utf8 in
            // Most values need no escaping: copy them in one go.
            guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 { appendEscaped(byte) }
        }
        bytes.append(0x22)
    }
}
