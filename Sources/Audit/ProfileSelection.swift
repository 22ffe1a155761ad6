import AuditCore

/// How the profile of each item is chosen: `--profile auto` (by kind and, later, by what the
/// item claims) or one named profile.
public enum ProfileSelection: Sendable, Hashable {
    case automatic
    case named(String)

    /// The default profile of each kind.
    public static let defaults: [ArtefactKind: String] = [
        .certificate: "rfc5280-basics",
        .timestamp: "rfc3161-basics",
        .trustedList: "ts119612-basics",
        .unknown: "unrecognised-input",
    ]

    public init(argument: String) {
        self = argument == "auto" ? .automatic : .named(argument)
    }
}
