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
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    /// `START-END` as a half-open range, or nil.
    public static func parseRange(_ text: String) -> Range<Int>? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 0, parts[0] < parts[1] else { return nil }
        return parts[0]..<parts[1]
    }
}
