/// Strict base64 (RFC 4648 §4) of PEM bodies and base64-per-line inputs.
enum Base64 {
    private static let whitespace: UInt8 = 0xFE
    private static let padding: UInt8 = 0xFD
    private static let invalid: UInt8 = 0xFF
    /// Byte → 6-bit value, or one of the markers above.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        for byte: UInt8 in [0x20, 0x09, 0x0D, 0x0A] { table[Int(byte)] = whitespace }
        table[0x3D] = padding
        return table
    }()

    /// Decodes `text`, ignoring whitespace; nil when any other character is not base64, when
    /// the length is not a multiple of four or when `=` appears other than as final padding.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        if let decoded = text.withContiguousStorageIfAvailable(decode) { return decoded }
        return Array(text).withUnsafeBufferPointer(decode)
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: text.count / 4 * 3 + 3)
        var written = 0
        var quad: UInt32 = 0
        var filled = 0
        var padded = 0
        var seen = 0
        let valid = values.withUnsafeBufferPointer { values in
            out.withUnsafeMutableBufferPointer { out in
                var position = 0
                // Eight data characters, two whole groups, at a time: nearly all of an item.
                while position + 8 <= text.count {
                    let a = values[Int(text[position])]
                    let b = values[Int(text[position + 1])]
                    let c = values[Int(text[position + 2])]
                    let d = values[Int(text[position + 3])]
                    let e = values[Int(text[position + 4])]
                    let f = values[Int(text[position + 5])]
                    let g = values[Int(text[position + 6])]
                    let h = values[Int(text[position + 7])]
                    guard (a | b | c | d | e | f | g | h) < 64 else { break }
                    let first = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    let second = UInt32(e) << 18 | UInt32(f) << 12 | UInt32(g) << 6 | UInt32(h)
                    out[written] = UInt8(truncatingIfNeeded: first >> 16)
                    out[written + 1] = UInt8(truncatingIfNeeded: first >> 8)
                    out[written + 2] = UInt8(truncatingIfNeeded: first)
                    out[written + 3] = UInt8(truncatingIfNeeded: second >> 16)
                    out[written + 4] = UInt8(truncatingIfNeeded: second >> 8)
                    out[written + 5] = UInt8(truncatingIfNeeded: second)
                    written += 6
                    position += 8
                }
                seen += position
                while position < text.count {
                    // Four data characters at a group boundary, the common case, decode at once.
                    if filled == 0, padded == 0, position + 4 <= text.count {
                        let a = values[Int(text[position])]
                        let b = values[Int(text[position + 1])]
                        let c = values[Int(text[position + 2])]
                        let d = values[Int(text[position + 3])]
                        if (a | b | c | d) < 64 {
                            let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                            out[written] = UInt8(truncatingIfNeeded: group >> 16)
                            out[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                            out[written + 2] = UInt8(truncatingIfNeeded: group)
                            written += 3
                            seen += 4
                            position += 4
                            continue
                        }
                    }
                    let byte = text[position]
                    position += 1
                    let value = values[Int(byte)]
                    if value < 64 {
                        guard padded == 0 else { return false } // data after the padding
                        quad = quad << 6 | UInt32(value)
                    } else if value == whitespace {
                        continue
                    } else if value == padding {
                        // "xx==" or "xxx=": never in the first two places of a group.
                        guard filled >= 2 else { return false }
                        padded += 1
                        quad <<= 6
                    } else {
                        return false
                    }
                    seen += 1
                    filled += 1
                    if filled == 4 {
                        out[written] = UInt8(truncatingIfNeeded: quad >> 16)
                        out[written + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        out[written + 2] = UInt8(truncatingIfNeeded: quad)
                        written += 3 - padded
                        quad = 0
                        filled = 0
                    }
                }
                return true
            }
        }
        guard valid, seen > 0, filled == 0 else { return nil }
        out.removeLast(out.count - written)
        return out
    }
}
