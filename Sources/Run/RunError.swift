/// Why a run could not start or finish: an input that cannot be read or used, an output that
/// cannot be written. Items never raise it: a bad item is a record, not an error.
public struct RunError: Error, CustomStringConvertible, Sendable {
    /// Stable, for scripts: `input` (a run input is unusable), `output` (a destination cannot be
    /// written), `crash` (items crashed the checker).
    public let code: String
    /// What went wrong, naming the option or path.
    public let message: String

    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    static func input(_ message: String) -> RunError { RunError(code: "input", message) }
    static func output(_ message: String) -> RunError { RunError(code: "output", message) }

    public var description: String { message }
}
