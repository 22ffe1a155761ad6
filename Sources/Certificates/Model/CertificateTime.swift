import AuditCore
import SwiftASN1

/// A validity date as encoded: which time type, the exact characters, and the instant they
/// denote when they can be read at all (leniently: the encoding rules are CERT-005's job).
public struct CertificateTime: Sendable, Hashable, CustomStringConvertible {
    public enum Encoding: Sendable, Hashable {
        case utcTime, generalizedTime
        case other(ASN1Identifier)
    }

    public var encoding: Encoding
    /// The characters between the length and the end, e.g. `260101000000Z`.
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z, if `text` could be read as a date.
    public var secondsSince1970: Int64?
    /// The calendar year, if `text` could be read.
    public var year: Int?
    public var offset: Int

    public var description: String {
        switch encoding {
        case .utcTime: "UTCTime \(text)"
        case .generalizedTime: "GeneralizedTime \(text)"
        case .other(let tag): "\(tag) \(text)"
        }
    }

    /// A time read from its identifier octet and content octets (CRL and OCSP dates, which are
    /// walked without building an ASN.1 tree).
    public init(tag: UInt8, content: ArraySlice<UInt8>, offset: Int) {
        self.offset = offset
        text = String(decoding: content, as: UTF8.self)
        switch tag {
        case 0x17: encoding = .utcTime
        case 0x18: encoding = .generalizedTime
        default: encoding = .other(DERTree.identifier(tag))
        }
        (year, secondsSince1970) = Self.read(text, encoding: encoding)
    }

    /// Why the encoding breaks RFC 5280 §4.1.2.5 (UTCTime through 2049, GeneralizedTime from
    /// 2050, seconds and Z, no fraction), or nil; the rule CRL dates follow too (§5.1.2.4).
    public var rfc5280EncodingProblem: String? { RFC5280BasicRules.timeProblem(self) }

    init(node: ASN1Node) {
        offset = node.offset
        let raw: ArraySlice<UInt8>
        switch node.content {
        case .primitive(let bytes): raw = bytes
        case .constructed: raw = node.encodedBytes
        }
        text = String(decoding: raw, as: UTF8.self)
        switch node.identifier {
        case .utcTime: encoding = .utcTime
        case .generalizedTime: encoding = .generalizedTime
        default: encoding = .other(node.identifier)
        }
        (year, secondsSince1970) = Self.read(text, encoding: encoding)
    }

    /// Reads `YYMMDDHHMM[SS]…` or `YYYYMMDDHHMM[SS]…` leniently; zones other than Z are applied.
    private static func read(_ text: String, encoding: Encoding) -> (Int?, Int64?) {
        let chars = Array(text.utf8)
        let yearDigits: Int
        switch encoding {
        case .utcTime: yearDigits = 2
        case .generalizedTime: yearDigits = 4
        case .other: return (nil, nil)
        }
        func number(_ from: Int, _ count: Int) -> Int? { decimal(chars, from, count) }
        guard var year = number(0, yearDigits), let month = number(yearDigits, 2), let day = number(yearDigits + 2, 2),
            let hour = number(yearDigits + 4, 2), let minute = number(yearDigits + 6, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60
        else { return (nil, nil) }
        if yearDigits == 2 { year += year >= 50 ? 1900 : 2000 }
        var position = yearDigits + 8
        var second = 0
        if let s = number(position, 2) {
            second = s
            position += 2
        }
        while position < chars.count,
            chars[position] == 0x2E || chars[position] == 0x2C
                || (0x30...0x39).contains(chars[position])
        {
            position += 1
        }
        var zone = 0
        if position < chars.count, chars[position] == 0x2B || chars[position] == 0x2D,
            let zh = number(position + 1, 2), let zm = number(position + 3, 2)
        {
            zone = (zh * 60 + zm) * 60 * (chars[position] == 0x2B ? 1 : -1)
        }
        let days = daysSince1970(year: year, month: month, day: day)
        return (year, Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - zone))
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for evidence text, without a formatter (this runs per item).
    public static func iso8601(secondsSince1970 seconds: Int64) -> String {
        let days =
            Int(seconds.quotientAndRemainder(dividingBy: 86_400).quotient)
            - (seconds < 0 && seconds % 86_400 != 0 ? 1 : 0)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civil(fromDays: days)
        if (1000...9999).contains(year) {
            // Written into twenty bytes: evidence states the evaluation time of every certificate.
            var text = [UInt8](repeating: 0, count: 20)
            func put(_ value: Int, _ digits: Int, at start: Int) {
                var rest = value
                for position in stride(from: start + digits - 1, through: start, by: -1) {
                    text[position] = UInt8(0x30 + rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            put(month, 2, at: 5)
            put(day, 2, at: 8)
            put(secondOfDay / 3600, 2, at: 11)
            put(secondOfDay / 60 % 60, 2, at: 14)
            put(secondOfDay % 60, 2, at: 17)
            for (position, separator) in [(4, 0x2D), (7, 0x2D), (10, 0x54), (13, 0x3A), (16, 0x3A), (19, 0x5A)] {
                text[position] = UInt8(separator)
            }
            return String(decoding: text, as: UTF8.self)
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// Why a validity period is no period at all ("notBefore … is after notAfter …"), or nil
    /// when `notBefore ≤ notAfter`. The dates are artefact data: a rule checks this before it
    /// builds `notBefore...notAfter`, which would trap on an inverted validity.
    public static func inversion(notBefore: Int64, notAfter: Int64) -> String? {
        notBefore <= notAfter
            ? nil
            : "notBefore \(iso8601(secondsSince1970: notBefore)) is after notAfter \(iso8601(secondsSince1970: notAfter))"
    }

    /// The civil date (year, month, day) of a day number since 1970-01-01 (Howard Hinnant's
    /// algorithm, the inverse of ``daysSince1970(year:month:day:)``).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The decimal number in `count` ASCII digits at `from`, or nil when out of range or not digits.
    public static func decimal(_ chars: [UInt8], _ from: Int, _ count: Int) -> Int? {
        guard from >= 0, from + count <= chars.count else { return nil }
        var value = 0
        for c in chars[from..<from + count] {
            guard (0x30...0x39).contains(c) else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        CivilDay.daysSince1970(year: year, month: month, day: day)
    }
}
