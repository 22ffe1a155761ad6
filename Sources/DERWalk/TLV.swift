/// One tag-length-value element located in an item's bytes: offsets only, nothing copied, so a
/// CRL of a million entries is walked without materialising its entries.
public struct TLV: Sendable, Hashable {
    /// The identifier octet (low-tag-number form only; CRLs and OCSP use no other).
    public var tag: UInt8
    /// The offset of the identifier octet.
    public var start: Int
    /// The offset of the first content octet.
    public var contentStart: Int
    /// The offset after the last content octet.
    public var end: Int

    @inlinable
    public init(tag: UInt8, start: Int, contentStart: Int, end: Int) {
        self.tag = tag
        self.start = start
        self.contentStart = contentStart
        self.end = end
    }

    public var content: Range<Int> { contentStart..<end }
    public var encoded: Range<Int> { start..<end }
    public var isEmpty: Bool { contentStart == end }
}

/// Reads TLV headers leniently (definite lengths in any length form): strict DER is judged by
/// `DERScanner` (module Certificates) on the whole item; the decoder only needs to find the fields.
public struct TLVReader: Sendable {
    public let bytes: [UInt8]

    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The element starting at `index` that ends by `limit`; nil when the header is truncated,
    /// uses the indefinite form or a high tag number, or the value overruns `limit`.
    @inlinable
    public func element(at index: Int, limit: Int) -> TLV? {
        guard index + 1 < limit, limit <= bytes.count else { return nil }
        let tag = bytes[index]
        guard tag & 0x1F != 0x1F else { return nil }
        let first = bytes[index + 1]
        if first < 0x80 {
            let end = index + 2 + Int(first)
            return end <= limit ? TLV(tag: tag, start: index, contentStart: index + 2, end: end) : nil
        }
        let count = Int(first & 0x7F)
        guard count >= 1, count <= 4, index + 2 + count <= limit else { return nil }
        var length = 0
        for position in (index + 2)..<(index + 2 + count) { length = length << 8 | Int(bytes[position]) }
        let end = index + 2 + count + length
        return end <= limit ? TLV(tag: tag, start: index, contentStart: index + 2 + count, end: end) : nil
    }

    /// The elements inside a constructed element, in order; stops at the first unreadable one
    /// (the caller compares the last end with `parent.end` when completeness matters).
    public func children(of parent: TLV) -> [TLV] {
        var result: [TLV] = []
        var index = parent.contentStart
        while index < parent.end, let child = element(at: index, limit: parent.end) {
            result.append(child)
            index = child.end
        }
        return result
    }

    /// The content octets of `element`.
    @inlinable
    public func content(_ element: TLV) -> ArraySlice<UInt8> { bytes[element.content] }

    /// The whole encoding of `element` (header and content).
    @inlinable
    public func encoded(_ element: TLV) -> ArraySlice<UInt8> { bytes[element.encoded] }

    /// The value of a small INTEGER or ENUMERATED (at most 8 content octets), two's complement.
    public func smallInteger(_ element: TLV) -> Int? {
        guard !element.isEmpty, element.end - element.contentStart <= 8 else { return nil }
        var value = Int(Int8(bitPattern: bytes[element.contentStart]))
        for position in (element.contentStart + 1)..<element.end { value = value << 8 | Int(bytes[position]) }
        return value
    }

    /// A BOOLEAN's value (any non-zero octet is TRUE, as BER reads it).
    public func boolean(_ element: TLV) -> Bool? {
        guard element.tag == 0x01, element.end - element.contentStart == 1 else { return nil }
        return bytes[element.contentStart] != 0
    }
}
