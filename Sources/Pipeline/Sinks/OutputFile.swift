import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a named output really goes, so that a user's path is honoured as a shell redirection
/// would honour it: a symbolic link is written through to its target, a device or FIFO is
/// written in place, and a regular file (or a new one) is written beside its final name and
/// renamed over it only when complete — a run that fails (full disk) leaves the old file, or
/// none, never a partial one that looks complete.
public struct OutputFile: Sendable {
    /// The path given.
    public let path: String
    /// The file the bytes are written to now.
    public let writingPath: String
    /// The final name, when `writingPath` is a temporary to rename; nil when written in place.
    let renameTo: String?

    public init(path: String) {
        self.path = path
        let target = Self.followingLinks(path)
        var status = stat()
        let exists = stat(target, &status) == 0
        if exists && status.st_mode & S_IFMT != S_IFREG {
            writingPath = target
            renameTo = nil
        } else {
            let url = URL(fileURLWithPath: target)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(
                    ".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            writingPath = temporary.path
            renameTo = target
        }
    }

    /// `path` with every symbolic link in its last component followed, also to a target that
    /// does not exist yet (a dangling link names the file to create).
    static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current =
                destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    /// Opens the file to write (created with mode 0666 less the umask, truncated when regular).
    func open() throws -> Int32 {
        let flags = renameTo == nil ? O_WRONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        let descriptor = openForWriting(writingPath, flags)
        guard descriptor >= 0 else { throw PipelineError.unwritableOutput(String(cString: strerror(errno)), at: path) }
        return descriptor
    }

    /// Makes the written file the output (renames the temporary over the final name).
    func commit() throws {
        guard let renameTo else { return }
        guard rename(writingPath, renameTo) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(writingPath)
            throw PipelineError.unwritableOutput(reason, at: path)
        }
    }

    /// Removes an unfinished temporary.
    func abandon() {
        if renameTo != nil { unlink(writingPath) }
    }

    /// Whether `name` is the temporary of an output whose writer is gone (`.<final>.partial-<pid>-…`
    /// left by a killed or crashed run): safe to remove.
    public static func isAbandonedPartial(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".partial-") else { return false }
        guard let pid = pid_t(name[marker.upperBound...].prefix { $0 != "-" }) else { return false }
        return !ProcessLiveness.isRunning(pid)
    }

    /// Writes `bytes` as the whole content of `path`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let output = try BufferedOutput(path: path)
        do {
            try output.write(bytes)
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }
}

/// open(2) with a creation mode (at file scope: inside `OutputFile`, `open` names its own method).
private func openForWriting(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags, 0o666)
}
