import AuditCore

/// The certification body's words for verdicts and grades (the evidence keeps its own short
/// words, a public contract).
public enum VerdictLabel {
    public static func text(_ verdict: Verdict) -> String {
        switch verdict {
        case .conforming: "Conforming"
        case .observation: "Observation"
        case .minor: "Minor non-conformity"
        case .major: "Major non-conformity"
        }
    }
}
