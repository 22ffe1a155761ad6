/// The evidence record of one submitted item: what it was, which profile judged it, every
/// check (passes included) and the verdict.
public struct ItemEvidence: Sendable, Hashable {
    /// Position in the run's input order, from 0.
    public var index: Int
    /// Where the item came from: `certs.pem#3`, `dir/a.der`, `-#2` for stdin.
    public var source: String
    /// SHA-256 of the item's exact bytes, lower-case hex.
    public var sha256: String
    public var kind: ArtefactKind
    /// The detected type within the kind (e.g. `endEntity`, `ca`, `token`, `response`).
    public var type: String
    /// The profile the item was checked against.
    public var profile: String
    /// Why that profile was chosen (auto-detection evidence, or "requested with --profile").
    public var profileReason: String
    public var verdict: Verdict
    public var checks: [Check]

    public init(
        index: Int, source: String, sha256: String, kind: ArtefactKind, type: String, profile: String,
        profileReason: String, checks: [Check]
    ) {
        self.index = index
        self.source = source
        self.sha256 = sha256
        self.kind = kind
        self.type = type
        self.profile = profile
        self.profileReason = profileReason
        self.checks = checks
        var worst: Grade?
        for position in checks.indices where checks[position].outcome == .fail {
            worst = max(worst ?? checks[position].grade, checks[position].grade)
        }
        self.verdict = Verdict(failedGrades: worst.map { [$0] } ?? [])
    }

    /// The requirements that failed, each once, in check order.
    public var failedRequirements: [RequirementID] {
        var failed: [RequirementID] = []
        for position in checks.indices
        where checks[position].outcome == .fail && !failed.contains(checks[position].requirement) {
            failed.append(checks[position].requirement)
        }
        return failed
    }
}
