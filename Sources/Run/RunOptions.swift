import AuditCore
import Foundation

/// Everything that shapes a run of checks, as plain values: what the `check` command's options
/// say, and what a request to `trustaudit serve` says. Paths are read by ``RunInputs/load(_:warn:)``.
public struct RunOptions: Sendable {
    /// `auto` (by item kind and claims) or a profile name.
    public var profile = "auto"
    /// A folder of extra or overriding catalogue/profile YAML files.
    public var profilesDirectory: String?
    /// The validation time as given (ISO 8601); nil means the start of the run.
    public var at: String?
    /// A standards-set name, `latest`, or `by-issuance`.
    public var standards = "latest"
    public var issuers: [String] = []
    public var trustedLists: [String] = []
    /// Time-stamps: the stamped data, the expected imprint (hex), the TimeStampReq, announced policies.
    public var data: String?
    public var digest: String?
    public var request: String?
    public var policies: [String] = []
    /// Time-stamps: TSA CA certificates and TSU certificates.
    public var tsaCAs: [String] = []
    public var tsuCertificates: [String] = []
    /// Revocation status sources and the OCSP request.
    public var crls: [String] = []
    public var ocspResponses: [String] = []
    public var ocspRequest: String?
    /// Trusted lists: the LOTL (file or snapshot folder), the OJ anchors, the XSD folder.
    public var lotl: String?
    public var anchors: String?
    public var schemas: String?
    /// Filters.
    public var onlyETSI = false
    public var onlyIssuer: [String] = []
    public var validAt: String?
    /// Resource bound on one item, in bytes.
    public var maximumItemSize = 1 << 30

    public init() {}

    /// An ISO 8601 time (`2026-06-01T12:00:00Z`) or date (`2026-06-01`), or nil.
    public static func parseTime(_ text: String) -> Date? {
        if let seconds = utcSeconds(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` read arithmetically: a formatter costs about 100 µs to create,
    /// more than a server's certificate check. Other forms (offsets, fractions, or a value out
    /// of range) are left to the formatter, which decides.
    static func utcSeconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A,
            let day = CivilDay.secondsSince1970(String(decoding: bytes[0..<10], as: UTF8.self))
        else { return nil }
        func number(_ start: Int) -> Int64? {
            let (high, low) = (bytes[start], bytes[start + 1])
            guard (0x30...0x39).contains(high), (0x30...0x39).contains(low) else { return nil }
            return Int64(high - 0x30) * 10 + Int64(low - 0x30)
        }
        guard let hour = number(11), let minute = number(14), let second = number(17), hour < 24, minute < 60,
            second < 60
        else {
            return nil
        }
        return day + hour * 3600 + minute * 60 + second
    }

    /// `START-END` as a half-open range, or nil.
    public static func parseRange(_ text: String) -> Range<Int>? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 0, parts[0] < parts[1] else { return nil }
        return parts[0]..<parts[1]
    }
}
