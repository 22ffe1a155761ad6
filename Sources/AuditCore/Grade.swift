/// How serious a failed requirement is, in the words of a conformity assessment report.
///
/// The grade belongs to the profile, not the requirement: a TSP's stricter profile may raise an
/// observation to a minor non-conformity without touching code.
public enum Grade: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case observation
    case minor
    case major

    var severity: Int {
        switch self {
        case .observation: 1
        case .minor: 2
        case .major: 3
        }
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.severity < rhs.severity }
}
