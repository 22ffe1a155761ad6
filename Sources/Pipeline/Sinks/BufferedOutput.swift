import Foundation

/// A buffered writer to a file descriptor (stdout, stderr or a file).
public final class BufferedOutput {
    private let handle: FileHandle
    /// Raw storage: an array's `append(contentsOf:)` copied a 14 KB record byte by byte.
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private let capacity = 256 * 1024
    /// The named file behind `handle`, until ``finish()`` commits it.
    private var file: OutputFile?

    public init(handle: FileHandle) {
        self.handle = handle
        buffer = .allocate(capacity: capacity)
    }

    /// Writes `path` (see ``OutputFile``: through a symbolic link, in place for a device or a
    /// FIFO, else as a temporary renamed over `path` by ``finish()``).
    public convenience init(path: String) throws {
        let file = OutputFile(path: path)
        self.init(handle: FileHandle(fileDescriptor: try file.open(), closeOnDealloc: true))
        self.file = file
    }

    deinit {
        buffer.deallocate()
        // Never finished (an error ended the run): no partial file under the final name.
        file?.abandon()
    }

    /// Flushes, and makes a named file the output (a temporary is renamed over its name).
    public func finish() throws {
        try flush()
        guard let file else { return }
        self.file = nil
        do {
            try handle.synchronize()
        } catch {
            // Devices and FIFOs cannot be synchronised; a regular file that cannot is an error.
            if file.renameTo != nil {
                file.abandon()
                throw PipelineError.unwritableOutput("\(error.localizedDescription)", at: file.path)
            }
        }
        try file.commit()
    }

    /// Gives up a named file: its temporary is removed, the final name is left as it was.
    public func abandon() {
        file?.abandon()
        file = nil
    }

    public func write(_ bytes: [UInt8]) throws {
        if used + bytes.count > capacity { try flush() }
        guard bytes.count < capacity else { return try handle.write(contentsOf: bytes) }
        bytes.withUnsafeBufferPointer { source in
            guard let start = source.baseAddress else { return }
            (buffer + used).update(from: start, count: source.count)
        }
        used += bytes.count
    }

    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    public func flush() throws {
        guard used > 0 else { return }
        try handle.write(contentsOf: UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }
}
