/// The graded result of one requirement on one item, as written in the evidence record.
public struct Check: Sendable, Hashable, Codable {
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
            outcome: outcome, grade: grade, observed: observed, expected: expected, location: location, message: message)
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

    enum CodingKeys: String, CodingKey {
        case requirement, standard, version, clause, outcome, grade, observed, expected, location, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            requirement: try container.decode(RequirementID.self, forKey: .requirement),
            standard: try container.decode(String.self, forKey: .standard),
            version: try container.decode(String.self, forKey: .version),
            clause: try container.decode(String.self, forKey: .clause),
            outcome: try container.decode(Outcome.self, forKey: .outcome),
            grade: try container.decode(Grade.self, forKey: .grade),
            observed: try container.decodeIfPresent(String.self, forKey: .observed),
            expected: try container.decodeIfPresent(String.self, forKey: .expected),
            location: try container.decodeIfPresent(String.self, forKey: .location),
            message: try container.decodeIfPresent(String.self, forKey: .message))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requirement, forKey: .requirement)
        try container.encode(standard, forKey: .standard)
        try container.encode(version, forKey: .version)
        try container.encode(clause, forKey: .clause)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(grade, forKey: .grade)
        try container.encodeIfPresent(observed, forKey: .observed)
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encodeIfPresent(message, forKey: .message)
    }
}
