/// Why the pipeline could not read an input as what it claims to be, write an output, or start
/// a worker process: the one error type of this module. A bad item is never an error here; its
/// ``reason`` becomes the item's INPUT-001 finding.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Value: String, Sendable, Hashable {
            case unreadableInput, unwritableOutput, process
        }
        fileprivate let value: Value
        /// An input (file, gzip stream, CT entry or tile) cannot be read as what it claims to be.
        public static let unreadableInput = Code(value: .unreadableInput)
        /// An output file, shard or gzip stream cannot be written.
        public static let unwritableOutput = Code(value: .unwritableOutput)
        /// A worker process or its pipe cannot be started.
        public static let process = Code(value: .process)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let reason: String
    /// The path concerned, or empty when the reason names it.
    public let location: String

    public var description: String {
        code == .unwritableOutput && !location.isEmpty ? "cannot write \(location): \(reason)" : reason
    }

    @inline(never)
    static func unreadableInput(_ reason: String) -> Self {
        .init(code: .unreadableInput, reason: reason, location: "")
    }

    @inline(never)
    static func unwritableOutput(_ reason: String, at path: String = "") -> Self {
        .init(code: .unwritableOutput, reason: reason, location: path)
    }

    @inline(never)
    static func process(_ reason: String) -> Self { .init(code: .process, reason: reason, location: "") }
}
