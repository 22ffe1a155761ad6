import Foundation

/// A buffered writer to a file descriptor (stdout, stderr or a file).
public final class BufferedOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 256 * 1024

    public init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or truncates) `path`.
    public convenience init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        self.init(handle: handle)
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
