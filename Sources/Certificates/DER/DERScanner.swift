import AuditCore

/// Walks a TLV tree and reports every deviation from DER (ITU-T X.690 clause 10) with its byte
/// offset, instead of stopping at the first one as a decoder does.
///
/// It checks what DER fixes independently of the ASN.1 module: definite and minimal lengths,
/// minimal tags, BOOLEAN contents, minimal INTEGER/ENUMERATED, BIT STRING padding, NULL, OBJECT
/// IDENTIFIER sub-identifiers, primitive encoding of strings, constructed SEQUENCE/SET, SET OF
/// element order, truncation and trailing bytes. Whether a DEFAULT value was encoded needs the
/// module and is checked by the artefact's decoder.
public struct DERScanner {
    /// Recorded violations per scan; more are counted, not kept (random input has thousands).
    public static let violationLimit = 32
    /// Deeper nesting is reported and not descended into (hostile input must not exhaust the stack).
    public static let depthLimit = 48

    /// The scanned bytes, read without bounds bookkeeping per octet (every item is scanned).
    private let bytes: UnsafeBufferPointer<UInt8>
    private let base: Int
    private var violations: [DERViolation] = []
    private var suppressed = 0
    /// Cleared at an element the walking decoder does not read (see ``DERScan/isWalkable``).
    private var walkable = true

    private init(bytes: UnsafeBufferPointer<UInt8>, base: Int) {
        self.bytes = bytes
        self.base = base
    }

    /// Scans `bytes` as one DER value followed by nothing.
    ///
    /// - Parameters:
    ///   - bytes: the item, or a part of it.
    ///   - offset: the offset of `bytes.first` within the item, so locations are item offsets.
    public static func scan(_ bytes: ArraySlice<UInt8>, offset: Int = 0) -> DERScan {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = DERScanner(bytes: buffer, base: offset)
            guard !buffer.isEmpty else {
                scanner.report(0, "empty: no DER value at all")
                return scanner.result(valueLength: nil)
            }
            let end = scanner.element(at: 0, limit: buffer.count, depth: 0)
            if let end, end < buffer.count {
                scanner.report(end, "\(buffer.count - end) byte(s) after the end of the DER value")
            }
            return scanner.result(valueLength: end)
        }
    }

    /// Scans a whole array (offsets are array indices).
    public static func scan(_ bytes: [UInt8]) -> DERScan { scan(bytes[...], offset: 0) }

    private func result(valueLength: Int?) -> DERScan {
        DERScan(
            violations: violations, suppressedViolations: suppressed, valueLength: valueLength, isWalkable: walkable)
    }

    private mutating func report(_ index: Int, _ message: String) {
        if violations.count < Self.violationLimit {
            violations.append(DERViolation(offset: base + index, message: message))
        } else {
            suppressed += 1
        }
    }

    private struct Header {
        var tag: UInt8
        var tagNumber: UInt
        var contentStart: Int
        /// nil for the indefinite form.
        var length: Int?
        var isConstructed: Bool { tag & 0x20 != 0 }
        var isUniversal: Bool { tag & 0xC0 == 0 }
    }

    /// Reads one header; nil (after reporting) when it cannot be read at all.
    @inline(__always)
    private mutating func header(at start: Int, limit: Int) -> Header? {
        var index = start
        let tag = bytes[index]
        index += 1
        var tagNumber = UInt(tag & 0x1F)
        // [UNIVERSAL 0] is swift-asn1's end-of-contents marker; high tag numbers TLVReader skips.
        if tag & 0xDF == 0 || tagNumber == 0x1F { walkable = false }
        if tagNumber == 0x1F {
            tagNumber = 0
            var first = true
            while true {
                guard index < limit else {
                    report(start, "truncated: the tag runs past the end of the data")
                    return nil
                }
                let byte = bytes[index]
                if first && byte == 0x80 { report(index, "tag number has a leading 0x80 octet (not minimal)") }
                first = false
                index += 1
                guard tagNumber < (UInt.max >> 8) else {
                    report(start, "tag number too large")
                    return nil
                }
                tagNumber = tagNumber << 7 | UInt(byte & 0x7F)
                if byte & 0x80 == 0 { break }
            }
            if tagNumber < 0x1F { report(start, "tag number \(tagNumber) uses the long form (must be one octet)") }
        }
        guard index < limit else {
            report(start, "truncated: the value has a tag but no length")
            return nil
        }
        let first = bytes[index]
        index += 1
        if first == 0x80 {
            report(index - 1, "indefinite length (BER); DER requires the definite form")
            return Header(tag: tag, tagNumber: tagNumber, contentStart: index, length: nil)
        }
        if first < 0x80 {
            return Header(tag: tag, tagNumber: tagNumber, contentStart: index, length: Int(first))
        }
        let count = Int(first & 0x7F)
        guard count != 0x7F else {
            report(index - 1, "length octet 0xFF is reserved")
            return nil
        }
        guard count <= 8 else {
            report(index - 1, "length of \(count) octets is absurd (over 2^64 bytes)")
            return nil
        }
        guard index + count <= limit else {
            report(start, "truncated: the length runs past the end of the data")
            return nil
        }
        if count > 4 { walkable = false }
        var length: UInt64 = 0
        for i in 0..<count { length = length << 8 | UInt64(bytes[index + i]) }
        if bytes[index] == 0 {
            report(index - 1, "length has a leading zero octet (not minimal)")
        } else if length < 0x80 {
            report(index - 1, "length \(length) uses the long form (must be one octet)")
        }
        index += count
        guard length <= UInt64(Int.max / 2) else {
            report(index - count - 1, "declared length \(length) exceeds any possible input")
            return nil
        }
        return Header(tag: tag, tagNumber: tagNumber, contentStart: index, length: Int(length))
    }

    /// Checks one element starting at `start`; returns the index after it, or nil when its end
    /// cannot be found (truncation, broken header).
    private mutating func element(at start: Int, limit: Int, depth: Int) -> Int? {
        guard let header = header(at: start, limit: limit) else { return nil }
        // The walk's tree check allows 40 levels, the root being the first.
        if depth >= 40 { walkable = false }
        let contentStart = header.contentStart
        guard let length = header.length else {
            guard header.isConstructed else {
                report(start, "indefinite length on a primitive value")
                return nil
            }
            return indefiniteContents(from: contentStart, limit: limit, depth: depth, header: header)
        }
        let end = contentStart + length
        guard end <= limit else {
            report(
                start, "truncated: declares \(length) content bytes, only \(limit - contentStart) remain")
            return nil
        }
        if header.isConstructed {
            checkConstructedTag(header, at: start)
            guard depth < Self.depthLimit else {
                report(start, "nesting deeper than \(Self.depthLimit) levels; not descended into")
                return end
            }
            var child = contentStart
            var previous: Range<Int>?
            while child < end {
                guard let next = element(at: child, limit: end, depth: depth + 1) else { return end }
                if header.isUniversal && header.tagNumber == 17, let previous {
                    if bytes[previous].lexicographicallyPrecedes(bytes[child..<next]) == false
                        && !bytes[previous].elementsEqual(bytes[child..<next])
                    {
                        report(child, "SET elements not in ascending order of their encodings")
                    }
                }
                previous = child..<next
                child = next
            }
        } else {
            checkPrimitive(header, at: start, content: contentStart..<end)
        }
        return end
    }

    private mutating func indefiniteContents(from start: Int, limit: Int, depth: Int, header: Header) -> Int? {
        var child = start
        while child + 1 < limit {
            if bytes[child] == 0 && bytes[child + 1] == 0 { return child + 2 }
            guard depth < Self.depthLimit, let next = element(at: child, limit: limit, depth: depth + 1) else {
                return nil
            }
            child = next
        }
        report(start, "truncated: no end-of-contents octets for the indefinite length")
        return nil
    }

    private mutating func checkConstructedTag(_ header: Header, at start: Int) {
        guard header.isUniversal else { return }
        switch header.tagNumber {
        case 16, 17, 8, 11, 29: break // SEQUENCE, SET, EXTERNAL, EMBEDDED PDV, CHARACTER STRING
        default:
            report(start, "universal tag \(header.tagNumber) in constructed form (BER); DER requires primitive")
        }
    }

    private mutating func checkPrimitive(_ header: Header, at start: Int, content: Range<Int>) {
        guard header.isUniversal else { return }
        let value = bytes[content]
        switch header.tagNumber {
        case 1:
            if value.count != 1 {
                report(start, "BOOLEAN with \(value.count) content octets (must be 1)")
            } else if let byte = value.first, byte != 0x00 && byte != 0xFF {
                report(content.lowerBound, "BOOLEAN encoded as 0x\(hex(byte)); DER requires 0xFF for TRUE")
            }
        case 2, 10:
            let name = header.tagNumber == 2 ? "INTEGER" : "ENUMERATED"
            if value.isEmpty {
                report(start, "\(name) with no content octets")
            } else if value.count > 1 {
                let first = value[value.startIndex]
                let second = value[value.startIndex + 1]
                if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                    report(content.lowerBound, "\(name) not minimally encoded (redundant leading 0x\(hex(first)))")
                }
            }
        case 3:
            guard let unused = value.first else {
                report(start, "BIT STRING with no content octets")
                return
            }
            if unused > 7 {
                report(content.lowerBound, "BIT STRING declares \(unused) unused bits (at most 7)")
            } else if value.count == 1 && unused != 0 {
                report(content.lowerBound, "empty BIT STRING declares \(unused) unused bits")
            } else if unused > 0, let last = value.last, last & ((1 << unused) - 1) != 0 {
                report(content.upperBound - 1, "BIT STRING unused bits are not zero")
            }
        case 5:
            if !value.isEmpty { report(start, "NULL with \(value.count) content octets (must be 0)") }
        case 6, 13:
            if value.isEmpty {
                report(start, "OBJECT IDENTIFIER with no content octets")
            } else if let last = value.last, last & 0x80 != 0 {
                report(content.upperBound - 1, "OBJECT IDENTIFIER ends inside a sub-identifier")
            } else {
                var atSubidentifierStart = true
                for index in content {
                    if atSubidentifierStart && bytes[index] == 0x80 {
                        report(index, "OBJECT IDENTIFIER sub-identifier has a leading 0x80 octet (not minimal)")
                    }
                    atSubidentifierStart = bytes[index] & 0x80 == 0
                }
            }
        case 16, 17:
            report(start, "SEQUENCE/SET encoded as primitive")
        default:
            break
        }
    }
}

/// Upper-case hex of one byte, for evidence text.
func hex(_ byte: UInt8) -> String { hexString(CollectionOfOne(byte)) }

/// Upper-case hex of bytes, built in one buffer (it runs for every serial number).
public func hexString(_ bytes: some Sequence<UInt8>) -> String { Hex.string(bytes, uppercase: true) }
