import Foundation

/// Reads a file descriptor line by line in fixed-size chunks, so a file of any length streams in
/// flat memory. Lines are returned without their `\n` or `\r\n`.
public final class ByteLineReader {
    /// A longer line is cut and reported (a malformed or hostile input must not exhaust memory).
    public static let maximumLineLength = 64 * 1024 * 1024

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// The I/O error that ended the input early, if one did (the lines before it were returned).
    public private(set) var readError: String?

    public init(handle: FileHandle, prefix: [UInt8] = []) {
        self.handle = handle
        self.buffer = prefix
    }

    /// The next line, or nil at end of input. `overlong` is true when the line was cut.
    public func nextLine() -> (line: ArraySlice<UInt8>, overlong: Bool)? {
        while true {
            if let newline = nextNewline() {
                var line = buffer[position..<newline]
                position = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                return (line, false)
            }
            if buffer.count - position > Self.maximumLineLength {
                let line = buffer[position..<(position + Self.maximumLineLength)]
                position += Self.maximumLineLength
                skipToNewline()
                return (line, true)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                var line = buffer[position...]
                position = buffer.count
                if line.last == 0x0D { line = line.dropLast() }
                return (line, false)
            }
            refill()
        }
    }

    /// The index of the next `\n` at or after `position` (memchr: lines of CT dumps are long).
    private func nextNewline() -> Int? {
        guard position < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress, let found = memchr(base + position, 0x0A, all.count - position) else {
                return nil
            }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func refill() {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        // The throwing read: readData(ofLength:) traps on an I/O error (EIO, EISDIR on stdin);
        // here the error ends the input and is kept for the caller to report.
        do {
            let chunk = try handle.read(upToCount: 256 * 1024) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        } catch {
            atEnd = true
            readError = error.localizedDescription
        }
    }

    private func skipToNewline() {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                position = newline + 1
                return
            }
            position = buffer.count
            if atEnd { return }
            refill()
        }
    }
}
