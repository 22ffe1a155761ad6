/// Errors of the evidence model: a catalogue or profile that cannot be loaded or is
/// inconsistent. Findings about artefacts are never errors; they are ``Finding``s.
public struct AuditCoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Value: String, Sendable, Hashable {
            case invalidDocument, duplicateRequirement, unknownRequirement, unknownProfile, profileCycle
        }
        fileprivate let value: Value
        public static let invalidDocument = Code(value: .invalidDocument)
        public static let duplicateRequirement = Code(value: .duplicateRequirement)
        public static let unknownRequirement = Code(value: .unknownRequirement)
        public static let unknownProfile = Code(value: .unknownProfile)
        public static let profileCycle = Code(value: .profileCycle)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let reason: String

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    @inline(never)
    public static func invalidDocument(_ reason: String) -> Self { .init(code: .invalidDocument, reason: reason) }
    @inline(never)
    public static func duplicateRequirement(_ reason: String) -> Self {
        .init(code: .duplicateRequirement, reason: reason)
    }
    @inline(never)
    public static func unknownRequirement(_ reason: String) -> Self { .init(code: .unknownRequirement, reason: reason) }
    @inline(never)
    public static func unknownProfile(_ reason: String) -> Self { .init(code: .unknownProfile, reason: reason) }
    @inline(never)
    public static func profileCycle(_ reason: String) -> Self { .init(code: .profileCycle, reason: reason) }
}
