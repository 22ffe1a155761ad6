/// The contents of a JSON string (RFC 8259 §7): what must be escaped and how.
public enum JSONEscaping {
    /// Calls `body` with the UTF-8 of `text` ready to stand between quotes: the text's own
    /// bytes when nothing needs escaping (the usual case), an escaped copy otherwise.
    public static func withEscaped(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // Not generic: called across modules for every field, where an unspecialised generic
        // would look its metadata up each time.
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !needsEscaping(utf8) else { return false }
            body(utf8)
            return true
        }
        if copied != true { escaped(text.utf8).withUnsafeBufferPointer(body) }
    }

    /// True when some byte is a control character, `"`, `\` or DEL; eight bytes per step (a
    /// zero-byte test on the word XORed with each special byte, and a below-0x20 test).
    public static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
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

    /// The escaped form: `\"`, `\\`, `\n`, `\r`, `\t`, and `\u00XX` for other controls and DEL.
    public static func escaped(_ utf8: some Sequence<UInt8>) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: out += [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
