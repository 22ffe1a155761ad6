/// The problems of one kind found across a CRL's entries: how many, and the first few with
/// their byte offsets, so a list with a million bad entries gives a short, exact record.
public struct ProblemSample: Sendable, Hashable {
    public static let kept = 5

    public struct Problem: Sendable, Hashable {
        public var offset: Int
        public var observed: String
        public var message: String
    }

    public private(set) var count = 0
    public private(set) var first: [Problem] = []

    public var isEmpty: Bool { count == 0 }

    /// Counts a problem; `describe` runs only for the first few, so text is built rarely.
    @inline(__always)
    mutating func add(_ offset: Int, _ describe: () -> (observed: String, message: String)) {
        count += 1
        if first.count < Self.kept {
            let (observed, message) = describe()
            first.append(Problem(offset: offset, observed: observed, message: message))
        }
    }
}
