/// The result of scanning bytes that should hold exactly one DER value.
public struct DERScan: Sendable, Hashable {
    /// Every DER violation found, in byte order, at most ``DERScanner/violationLimit``.
    public var violations: [DERViolation]
    /// Violations beyond the limit that were counted but not recorded.
    public var suppressedViolations: Int
    /// The length of the first complete value (header + content), if its end could be found.
    public var valueLength: Int?
    /// True when every element has a tag number under 31 and not [UNIVERSAL 0], a length of at
    /// most four octets, and nests at most 40 levels deep: with no violation, the walking
    /// decoder may read the value without checking its tree again.
    public var isWalkable: Bool

    public init(violations: [DERViolation], suppressedViolations: Int, valueLength: Int?, isWalkable: Bool = false) {
        self.violations = violations
        self.suppressedViolations = suppressedViolations
        self.valueLength = valueLength
        self.isWalkable = isWalkable
    }

    /// True when the bytes are exactly one DER value.
    public var isStrictDER: Bool { violations.isEmpty }
}
