/// The graded result of one requirement on one item, as written in the evidence record.
public struct Check: Sendable, Hashable, Codable {
    public var requirement: RequirementID
    public var standard: String
    public var version: String
    public var clause: String
    public var outcome: Outcome
    /// The grade the profile gives this requirement; it decides the verdict only when the
    /// outcome is ``Outcome/fail``.
    public var grade: Grade
    public var observed: String?
    public var expected: String?
    public var location: String?
    public var message: String?

    public init(
        requirement: RequirementID, standard: String, version: String, clause: String, outcome: Outcome,
        grade: Grade, observed: String? = nil, expected: String? = nil, location: String? = nil,
        message: String? = nil
    ) {
        self.requirement = requirement
        self.standard = standard
        self.version = version
        self.clause = clause
        self.outcome = outcome
        self.grade = grade
        self.observed = observed
        self.expected = expected
        self.location = location
        self.message = message
    }

    /// The grade that counts towards the verdict, if this check failed.
    public var failedGrade: Grade? { outcome == .fail ? grade : nil }
}
