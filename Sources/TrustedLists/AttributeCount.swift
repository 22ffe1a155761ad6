/// A byte scan, before libxml2 parses, for an element with too many attributes (a resource
/// bound: libxml2's duplicate-attribute check is quadratic in their number).
enum AttributeCount {
    /// The byte offset of the first start tag with more than `limit` attributes, or nil. Counts
    /// `=` outside quoted values inside `<name …>`; comments, processing instructions and CDATA
    /// are skipped.
    static func exceeding(_ limit: Int, in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == 0x3C else {
                index += 1
                continue
            }
            let start = index
            index += 1
            guard index < count else { return nil }
            // <!-- -->, <![CDATA[ ]]>, <? ?>, </end>: no attributes to count.
            if bytes[index] == 0x21 || bytes[index] == 0x3F || bytes[index] == 0x2F {
                let closing: [UInt8] =
                    bytes[index] == 0x21 && index + 2 < count && bytes[index + 1] == 0x2D
                    ? [0x2D, 0x2D, 0x3E]
                    : bytes[index] == 0x21 && index + 1 < count && bytes[index + 1] == 0x5B
                        ? [0x5D, 0x5D, 0x3E] : [0x3E]
                guard let end = bytes[index...].firstRange(of: closing) else { return nil }
                index = end.upperBound
                continue
            }
            var attributes = 0
            var quote: UInt8 = 0
            while index < count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x22 || byte == 0x27 {
                    quote = byte
                } else if byte == 0x3D {
                    attributes += 1
                    if attributes > limit { return start }
                } else if byte == 0x3E {
                    break
                }
                index += 1
            }
            index += 1
        }
        return nil
    }
}
