/// The outcome of evaluating one requirement on one item.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The item meets the requirement.
    case pass
    /// The item does not meet the requirement; the check carries a grade.
    case fail
    /// The requirement does not apply to this item (e.g. a CA rule on an end-entity certificate).
    case notApplicable
    /// The requirement applies but could not be evaluated (e.g. the item could not be decoded
    /// that far, or a needed input such as the issuer was not supplied); the message says why.
    case notChecked
    /// Evaluating the requirement failed for a reason outside the item (environment, library).
    case error
}
