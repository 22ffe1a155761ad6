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

    /// Each character's 6-bit value already shifted to its place in a group of four: entry
    /// `256 * place + byte`, with bit 24 set for anything that is not a data character, so
    /// one OR of four look-ups gives the group's three octets or shows it needs a closer look.
    private static let placed: [UInt32] = {
        var table = [UInt32](repeating: 1 << 24, count: 1024)
        for byte in 0..<256 where values[byte] < 64 {
            for place in 0..<4 {
                table[256 * place + byte] = UInt32(values[byte]) << (18 - 6 * place)
            }
        }
        return table
    }()

    private static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // One spare octet: the fast loop stores four octets per group of three.
        let capacity = text.count / 4 * 3 + 4
        var written = 0
        var quad: UInt32 = 0
        var filled = 0
        var padded = 0
        var seen = 0
        var valid = true
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            valid = placed.withUnsafeBufferPointer { placed in
                var position = 0
                // Eight data characters, two whole groups, at a time: nearly all of an item.
                if let input = text.baseAddress, let output = out.baseAddress, let table = placed.baseAddress {
                    let output = UnsafeMutableRawPointer(output)
                    while position + 8 <= text.count {
                        let first =
                            table[Int(input[position])] | table[256 + Int(input[position + 1])]
                            | table[512 + Int(input[position + 2])] | table[768 + Int(input[position + 3])]
                        let second =
                            table[Int(input[position + 4])] | table[256 + Int(input[position + 5])]
                            | table[512 + Int(input[position + 6])] | table[768 + Int(input[position + 7])]
                        guard (first | second) < 1 << 24 else { break }
                        // Big-endian, the group's three octets lead; the fourth is overwritten.
                        output.storeBytes(of: (first << 8).bigEndian, toByteOffset: written, as: UInt32.self)
                        output.storeBytes(of: (second << 8).bigEndian, toByteOffset: written + 3, as: UInt32.self)
                        written += 6
                        position += 8
                    }
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
            initialized = written
        }
        guard valid, seen > 0, filled == 0 else { return nil }
        return out
    }
}
