/// The identifier of a requirement, as in the project's requirement checklists
/// (`CERT-001`, `TST-001`, `TL-002`, …).
public struct RequirementID: RawRepresentable, Sendable, Hashable, Comparable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Orders `CERT-2` before `CERT-10`: the prefix alphabetically, then the number.
    public static func < (lhs: RequirementID, rhs: RequirementID) -> Bool {
        let (lp, ln) = lhs.split
        let (rp, rn) = rhs.split
        if lp != rp { return lp < rp }
        if ln != rn { return ln < rn }
        return lhs.rawValue < rhs.rawValue
    }

    private var split: (Substring, Int) {
        guard let dash = rawValue.lastIndex(of: "-"), let number = Int(rawValue[rawValue.index(after: dash)...])
        else { return (Substring(rawValue), -1) }
        return (rawValue[..<dash], number)
    }
}
