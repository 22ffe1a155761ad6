/// The verdict on one item: the worst grade among its failed checks, or conforming.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case conforming
    case observation
    case minor
    case major

    /// The verdict implied by the grades of the failed checks.
    public init(failedGrades: some Sequence<Grade>) {
        switch failedGrades.max() {
        case nil: self = .conforming
        case .observation: self = .observation
        case .minor: self = .minor
        case .major: self = .major
        }
    }

    /// Conforming and observation-only items are not non-conformities (exit code 0).
    public var isNonConformity: Bool { self == .minor || self == .major }

    var rank: Int {
        switch self {
        case .conforming: 0
        case .observation: 1
        case .minor: 2
        case .major: 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}
