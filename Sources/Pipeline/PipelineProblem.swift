/// A reason an input could not be read as what it claims to be.
struct PipelineProblem: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
