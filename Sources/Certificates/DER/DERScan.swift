/// The result of scanning bytes that should hold exactly one DER value.
public struct DERScan: Sendable, Hashable {
    /// Every DER violation found, in byte order, at most ``DERScanner/violationLimit``.
    public var violations: [DERViolation]
    /// Violations beyond the limit that were counted but not recorded.
    public var suppressedViolations: Int
    /// The length of the first complete value (header + content), if its end could be found.
    public var valueLength: Int?

    public init(violations: [DERViolation], suppressedViolations: Int, valueLength: Int?) {
        self.violations = violations
        self.suppressedViolations = suppressedViolations
        self.valueLength = valueLength
    }

    /// True when the bytes are exactly one DER value.
    public var isStrictDER: Bool { violations.isEmpty }
}
