/// The graded result of one requirement on one item. Its wire form is `EvidenceJSON`'s (module
/// Pipeline), the one serialisation of the evidence record.
public struct Check: Sendable, Hashable {
    /// The requirement and its source, shared by the checks of that requirement.
    public var citation: Citation
    public var outcome: Outcome
    /// The grade the profile gives this requirement; it decides the verdict only when the
    /// outcome is ``Outcome/fail``.
    public var grade: Grade
    public var observed: String?
    public var expected: String?
    public var location: String?
    public var message: String?

    public var requirement: RequirementID { citation.requirement }
    public var standard: String { citation.standard }
    public var version: String { citation.version }
    public var clause: String { citation.clause }

    public init(
        requirement: RequirementID, standard: String, version: String, clause: String, outcome: Outcome,
        grade: Grade, observed: String? = nil, expected: String? = nil, location: String? = nil,
        message: String? = nil
    ) {
        self.init(
            citation: Citation(requirement: requirement, standard: standard, version: version, clause: clause),
            outcome: outcome, grade: grade, observed: observed, expected: expected, location: location, message: message
        )
    }

    public init(
        citation: Citation, outcome: Outcome, grade: Grade, observed: String? = nil, expected: String? = nil,
        location: String? = nil, message: String? = nil
    ) {
        self.citation = citation
        self.outcome = outcome
        self.grade = grade
        self.observed = observed
        self.expected = expected
        self.location = location
        self.message = message
    }

    /// The grade that counts towards the verdict, if this check failed.
    public var failedGrade: Grade? { outcome == .fail ? grade : nil }

    // Equality, hashing and coding are by value: two checks citing the same text are equal
    // whether or not they share a `Citation` instance.

    public static func == (lhs: Check, rhs: Check) -> Bool {
        lhs.requirement == rhs.requirement && lhs.standard == rhs.standard && lhs.version == rhs.version
            && lhs.clause == rhs.clause && lhs.outcome == rhs.outcome && lhs.grade == rhs.grade
            && lhs.observed == rhs.observed && lhs.expected == rhs.expected && lhs.location == rhs.location
            && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(requirement)
        hasher.combine(standard)
        hasher.combine(version)
        hasher.combine(clause)
        hasher.combine(outcome)
        hasher.combine(grade)
        hasher.combine(observed)
        hasher.combine(expected)
        hasher.combine(location)
        hasher.combine(message)
    }
}
