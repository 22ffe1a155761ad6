/// Shape checks on value text (numbers, dates, language tags, URIs), written over UTF-8 bytes:
/// they run for every value of every list, where a regular expression would cost more than
/// the rest of the check.
enum TextShape {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isUpper(byte) || isLower(byte) }

    /// `[+-]?[0-9]+` (`allowMinus` false: `\+?[0-9]+`).
    static func isInteger(_ text: String, allowMinus: Bool = true) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == 0x2B || (allowMinus && first == 0x2D) { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// A non-negative integer greater than zero.
    static func isPositiveInteger(_ text: String) -> Bool {
        isInteger(text, allowMinus: false) && text.utf8.contains { $0 >= 0x31 && $0 <= 0x39 }
    }

    /// xs:dateTime: `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?`.
    static func isDateTime(_ text: String) -> Bool {
        var b = Array(text.utf8)
        if b.first == 0x2D { b.removeFirst() }
        guard let t = b.firstIndex(of: 0x54), t >= 10 else { return false }
        let date = b[..<t]
        let time = b[(t + 1)...]
        let dateParts = date.split(separator: 0x2D, omittingEmptySubsequences: false)
        guard dateParts.count == 3, dateParts[0].count >= 4, dateParts[1].count == 2, dateParts[2].count == 2,
            dateParts.allSatisfy({ $0.allSatisfy(isDigit) })
        else { return false }
        var rest = Array(time)
        if rest.last == 0x5A {
            rest.removeLast()
        } else if rest.count >= 14, rest[rest.count - 6] == 0x2B || rest[rest.count - 6] == 0x2D,
            rest[rest.count - 3] == 0x3A
        {
            let zone = rest.suffix(5)
            guard zone.enumerated().allSatisfy({ $0.offset == 2 || isDigit($0.element) }) else { return false }
            rest.removeLast(6)
        }
        guard rest.count >= 8, rest[2] == 0x3A, rest[5] == 0x3A,
            [0, 1, 3, 4, 6, 7].allSatisfy({ isDigit(rest[$0]) })
        else { return false }
        if rest.count == 8 { return true }
        return rest[8] == 0x2E && rest.count > 9 && rest[9...].allSatisfy(isDigit)
    }

    /// A language tag: subtags of 1…8 letters or digits separated by '-', the first letters
    /// only (`primary` 2…3 lower-case letters when `strict`).
    static func isLanguageTag(_ text: String, strict: Bool) -> Bool {
        let parts = text.utf8.split(separator: 0x2D, omittingEmptySubsequences: false)
        guard let primary = parts.first else { return false }
        if strict {
            guard (2...3).contains(primary.count), primary.allSatisfy(isLower) else { return false }
        } else {
            guard (1...8).contains(primary.count), primary.allSatisfy({ isUpper($0) || isLower($0) }) else {
                return false
            }
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) }
    }

    /// An absolute URI as RFC 3986 writes it: a scheme, ':', no white space or characters it
    /// excludes, and '%' only before two hex digits.
    static func isAbsoluteURI(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard let colon = b.firstIndex(of: 0x3A), colon > 0, isUpper(b[0]) || isLower(b[0]),
            b[1..<colon].allSatisfy({ isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D })
        else { return false }
        let excluded: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5C, 0x5E, 0x60]
        var index = colon + 1
        while index < b.count {
            if excluded.contains(b[index]) { return false }
            if b[index] == 0x25 {
                guard index + 2 < b.count, b[index + 1].isHex, b[index + 2].isHex else { return false }
            }
            index += 1
        }
        return true
    }

    /// `<prefix><CC>-<rest>`: a three-letter kind, a two-letter upper-case country, a hyphen
    /// and at least one character.
    static func hasCountryPrefix(_ text: String, after kinds: [String]) -> Bool {
        let b = Array(text.utf8)
        for kind in kinds {
            let k = Array(kind.utf8)
            if b.count > k.count + 3, Array(b[..<k.count]) == k, isUpper(b[k.count]), isUpper(b[k.count + 1]),
                b[k.count + 2] == 0x2D
            {
                return true
            }
        }
        return false
    }

    /// The last run of decimal digits in the text.
    static func lastNumber(in text: String) -> Int? {
        let b = Array(text.utf8)
        guard let end = b.lastIndex(where: isDigit) else { return nil }
        var start = end
        while start > 0, isDigit(b[start - 1]) { start -= 1 }
        return Int(String(decoding: b[start...end], as: UTF8.self))
    }
}

extension UInt8 {
    fileprivate var isHex: Bool {
        TextShape.isDigit(self) || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66)
    }
}
