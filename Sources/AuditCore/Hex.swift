/// Hexadecimal text: lower case for digests, leaf hashes and key identifiers, upper case where
/// evidence quotes DER bytes and serial numbers.
public enum Hex {
    /// The bytes as hex, written straight into the string's storage.
    public static func string(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ encode($0, uppercase: uppercase) }) { return text }
        return Array(bytes).withUnsafeBufferPointer { encode($0, uppercase: uppercase) }
    }

    private static func encode(_ bytes: UnsafeBufferPointer<UInt8>, uppercase: Bool) -> String {
        let alphabet: StaticString = uppercase ? "0123456789ABCDEF" : "0123456789abcdef"
        return alphabet.withUTF8Buffer { digits in
            String(unsafeUninitializedCapacity: bytes.count * 2) { text in
                for (i, byte) in bytes.enumerated() {
                    text[2 * i] = digits[Int(byte >> 4)]
                    text[2 * i + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }

    /// The bytes of an even-length hex text (either case), or nil.
    public static func bytes(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
