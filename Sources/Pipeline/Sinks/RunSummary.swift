import AuditCore

/// Counts per verdict and kind, and the requirements failed most often, for the human summary
/// on stderr and the run manifest.
public struct RunSummary: Sendable {
    public private(set) var items = 0
    public private(set) var byVerdict: [Verdict: Int] = [:]
    public private(set) var byKind: [ArtefactKind: Int] = [:]
    /// Items failing each requirement (an item counts once per requirement).
    public private(set) var failures: [RequirementID: Int] = [:]
    /// Verdicts of records already written by an earlier attempt (`--resume`), not checked again.
    public private(set) var resumedByVerdict: [Verdict: Int] = [:]
    /// Items with a check whose outcome is `error` (e.g. a contained checker crash, INPUT-002).
    public private(set) var itemsWithErrors = 0
    private var failureMessages: [RequirementID: String] = [:]

    public init() {}

    public mutating func add(_ evidence: ItemEvidence) {
        items += 1
        byVerdict[evidence.verdict, default: 0] += 1
        byKind[evidence.kind, default: 0] += 1
        // Scanned by index: a closure over the array would copy each check (eight references).
        let checks = evidence.checks
        if checks.indices.contains(where: { checks[$0].outcome == .error }) { itemsWithErrors += 1 }
        for id in evidence.failedRequirements {
            failures[id, default: 0] += 1
            if failureMessages[id] == nil {
                failureMessages[id] = checks.indices.first {
                    checks[$0].requirement == id && checks[$0].outcome == .fail
                }
                .map { "\(checks[$0].standard) \(checks[$0].clause)" }
            }
        }
    }

    /// Adds the verdicts of records an earlier attempt wrote (complete shards of `--resume`).
    public mutating func addResumed(_ verdicts: [Verdict: Int]) {
        resumedByVerdict.merge(verdicts, uniquingKeysWith: +)
    }

    /// True when some item — checked now or in the complete shards of a resumed run — is a minor
    /// or major non-conformity (exit code 1).
    public var hasNonConformities: Bool {
        byVerdict.contains { $0.key.isNonConformity && $0.value > 0 }
            || resumedByVerdict.contains { $0.key.isNonConformity && $0.value > 0 }
    }

    /// The summary printed on stderr at the end of a run.
    public func text(topFailures: Int = 10) -> String {
        var lines = ["trustaudit: \(items) item(s) checked"]
        let kinds = ArtefactKind.allCases.compactMap { kind in byKind[kind].map { "\($0) \(kind)" } }
        if !kinds.isEmpty { lines.append("  kinds:    " + kinds.joined(separator: ", ")) }
        lines.append(
            "  verdicts: "
                + Verdict.allCases.map { "\(byVerdict[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", "))
        if !resumedByVerdict.isEmpty {
            lines.append(
                "  resumed:  "
                    + Verdict.allCases.map { "\(resumedByVerdict[$0, default: 0]) \($0.rawValue)" }.joined(
                        separator: ", ")
                    + " in complete shards (not checked again)")
        }
        if itemsWithErrors > 0 {
            lines.append(
                "  errors:   \(itemsWithErrors) item(s) could not be evaluated (outcome error; see INPUT-002 in their records)"
            )
        }
        let top = failures.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(topFailures)
        if !top.isEmpty {
            lines.append("  most failed requirements:")
            for (id, count) in top {
                lines.append(
                    "    \(id.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(count) item(s)  \(failureMessages[id] ?? "")"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counts for the manifest: `items` and one entry per verdict.
    public var counts: [String: Int] {
        var counts = ["items": items]
        for verdict in Verdict.allCases { counts[verdict.rawValue] = byVerdict[verdict, default: 0] }
        if itemsWithErrors > 0 { counts["errors"] = itemsWithErrors }
        return counts
    }
}
