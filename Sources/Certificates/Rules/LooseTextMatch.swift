import Foundation

/// Text compared as a reader compares names: without surrounding spaces and without case.
///
/// Most attribute values are ASCII; for them the comparison runs on the bytes. Any other text
/// goes through Foundation's Unicode trimming and lower-casing, so the answer never depends on
/// which path was taken.
enum LooseTextMatch {
    /// True when `a` and `b` are equal once trimmed of whitespace and lower-cased.
    static func equal(_ a: String, _ b: String) -> Bool {
        if let a = asciiFolded(a), let b = asciiFolded(b) { return a == b }
        return unicodeFolded(a) == unicodeFolded(b)
    }

    static func unicodeFolded(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    /// The folded bytes of an all-ASCII text, or nil. `.whitespaces` holds tab and space among
    /// the ASCII characters.
    static func asciiFolded(_ text: String) -> [UInt8]? {
        var utf8 = text.utf8[...]
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        return utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }
}
