/// What a rule found about one requirement on one item, before the profile grades it.
///
/// Rules produce findings; ``Evaluation`` turns them into graded ``Check``s. A rule may return
/// several findings for one requirement (every DER violation with its own byte offset).
///
/// A rule names its requirement once, where it is declared. The constructors without a
/// requirement (`.fail(observed:…)`, `.notApplicable(because:)`, …) make a finding about "the
/// rule that returns it"; the requirement of the rule that returns it applies (``Rule`` fills in its id).
public struct Finding: Sendable, Hashable {
    public var requirement: RequirementID
    public var outcome: Outcome
    /// The value seen in the item, in a form an auditor can compare with the artefact.
    public var observed: String?
    /// What the requirement expects, where a single value says it.
    public var expected: String?
    /// Where in the artefact: byte offset, extension OID, DN attribute, XPath, CMS attribute.
    public var location: String?
    /// What is wrong (or why the requirement was not evaluated), and how to fix it.
    public var message: String?
    /// The highest grade this failure may get, when the standard words this aspect of the
    /// requirement as "should" while the rest is "shall" (e.g. a CA keyUsage that is present but
    /// not critical). The profile's grade applies when it is lower.
    public var gradeCap: Grade?

    @inlinable
    public init(
        requirement: RequirementID = .ofReturningRule, outcome: Outcome, observed: String? = nil,
        expected: String? = nil,
        location: String? = nil, message: String? = nil
    ) {
        self.requirement = requirement
        self.outcome = outcome
        self.observed = observed
        self.expected = expected
        self.location = location
        self.message = message
    }

    @inlinable
    public static func pass(
        _ requirement: RequirementID, observed: String? = nil, location: String? = nil
    ) -> Finding {
        Finding(requirement: requirement, outcome: .pass, observed: observed, location: location)
    }

    @inlinable
    public static func fail(
        _ requirement: RequirementID, observed: String?, expected: String? = nil, location: String? = nil,
        message: String
    ) -> Finding {
        Finding(
            requirement: requirement, outcome: .fail, observed: observed, expected: expected, location: location,
            message: message)
    }

    /// A failure whose aspect the standard words as "should": capped at minor whatever the
    /// profile grades the requirement.
    @inlinable
    public static func shouldFail(
        _ requirement: RequirementID, observed: String?, expected: String? = nil, location: String? = nil,
        message: String
    ) -> Finding {
        var finding = Finding.fail(
            requirement, observed: observed, expected: expected, location: location, message: message)
        finding.gradeCap = .minor
        return finding
    }

    @inlinable
    public static func notApplicable(_ requirement: RequirementID, because reason: String) -> Finding {
        Finding(requirement: requirement, outcome: .notApplicable, message: reason)
    }

    @inlinable
    public static func notChecked(_ requirement: RequirementID, because reason: String) -> Finding {
        Finding(requirement: requirement, outcome: .notChecked, message: reason)
    }

    // The same constructors for the requirement of the rule that returns the finding.

    @inlinable
    public static func pass(observed: String? = nil, location: String? = nil) -> Finding {
        pass(.ofReturningRule, observed: observed, location: location)
    }

    @inlinable
    public static func fail(observed: String?, expected: String? = nil, location: String? = nil, message: String)
        -> Finding
    {
        fail(.ofReturningRule, observed: observed, expected: expected, location: location, message: message)
    }

    @inlinable
    public static func shouldFail(
        observed: String?, expected: String? = nil, location: String? = nil, message: String
    ) -> Finding {
        shouldFail(.ofReturningRule, observed: observed, expected: expected, location: location, message: message)
    }

    @inlinable
    public static func notApplicable(because reason: String) -> Finding {
        notApplicable(.ofReturningRule, because: reason)
    }

    @inlinable
    public static func notChecked(because reason: String) -> Finding { notChecked(.ofReturningRule, because: reason) }
}

extension RequirementID {
    /// "The requirement of the rule that returns this finding": ``Rule`` replaces it with its own
    /// id, so a rule body never repeats the id it was declared with.
    public static let ofReturningRule = RequirementID(rawValue: "")
}
