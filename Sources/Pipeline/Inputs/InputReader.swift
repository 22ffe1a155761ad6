import AuditCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Yields the items of every input in order: files, directories (recursively, in sorted path
/// order so runs are reproducible), and `-` for standard input. Items get their run index here.
///
/// A path that cannot be read becomes an item with a problem, so the count of items in equals
/// the count of records out.
public final class InputReader {
    /// An input still to read: a path (its bytes as the file system has them, which need not be
    /// UTF-8, and the text shown in `source`), or a problem met while walking a directory.
    enum Pending {
        case path(FilePath)
        case problem(source: String, reason: String)
        /// Bytes already in memory (an upload), named as a file of that name would be.
        case memory(name: String, bytes: [UInt8])
    }

    private var pending: [Pending]
    private var current: FileItemReader?
    /// The static-ct-api issuer folders met so far, each read at most once per fingerprint.
    private var issuerDirectories: [String: CTIssuerDirectory] = [:]
    private var nextIndex = 0
    /// Inputs as given, for the run manifest.
    public private(set) var inputs: [String]
    /// Every file read (directories expanded, `-` for stdin), in order.
    public private(set) var files: [String] = []
    /// The sampling records of the `trustaudit sample` files read.
    public private(set) var samplingRecords: [SamplingRecord] = []

    /// Items (whole files, PEM blocks, inflated gzip) larger than this are findings, not read.
    private let maximumItemSize: Int
    /// 1 GiB.
    public static let defaultMaximumItemSize = 1 << 30

    public init(paths: [String], maximumItemSize: Int = defaultMaximumItemSize) {
        self.pending = paths.reversed().map { .path(FilePath($0)) }
        self.inputs = paths
        self.maximumItemSize = maximumItemSize
    }

    /// Reads inputs that are already in memory (the bodies of a request), each split into items
    /// exactly as a file of the same name and bytes would be; nothing is read from disk.
    public init(memory: [(name: String, bytes: [UInt8])], maximumItemSize: Int = defaultMaximumItemSize) {
        self.pending = memory.reversed().map { .memory(name: $0.name, bytes: $0.bytes) }
        self.inputs = memory.map(\.name)
        self.maximumItemSize = maximumItemSize
    }

    /// The next item, or nil when every input is exhausted.
    public func next() -> InputItem? {
        while true {
            if let reader = current, let item = reader.next() {
                defer { nextIndex += 1 }
                return InputItem(
                    index: nextIndex, source: item.source, bytes: item.bytes, problem: item.problem,
                    origin: reader.currentOrigin)
            }
            if let record = current?.samplingRecord { samplingRecords.append(record) }
            current = nil
            guard let next = pending.popLast() else { return nil }
            let problem: (source: String, reason: String)?
            switch next {
            case .path(let path): problem = open(path).map { (path.display, $0) }
            case .problem(let source, let reason): problem = (source, reason)
            case .memory(let name, let bytes):
                files.append(name)
                current = FileItemReader(
                    name: name, handle: FileHandle.nullDevice, size: bytes.count, maximumItemSize: maximumItemSize,
                    memory: bytes)
                problem = nil
            }
            if let problem {
                defer { nextIndex += 1 }
                return InputItem(index: nextIndex, source: problem.source, bytes: [], problem: problem.reason)
            }
        }
    }

    /// Opens `path` as the current reader, queues a directory's files, or returns a problem.
    private func open(_ path: FilePath) -> String? {
        if path.display == "-" {
            files.append("-")
            current = FileItemReader(
                name: "-", handle: FileHandle.standardInput, size: nil, maximumItemSize: maximumItemSize)
            return nil
        }
        // One stat(2) and one open(2) per file: Foundation's existence, attribute and handle calls
        // cost more than checking a certificate when a folder holds one certificate per file.
        var status = stat()
        guard path.withCString({ stat($0, &status) }) == 0 else {
            return errno == ENOENT
                ? "input not found: \(path.display)"
                : "input cannot be examined: \(path.display): \(Self.reason(errno))"
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            var entries: [Pending] = []
            if let problem = collectEntries(under: path, into: &entries) { return problem }
            pending.append(contentsOf: Self.sorted(entries).reversed())
            return nil
        }
        let descriptor = path.withCString { openForReading($0) }
        guard descriptor >= 0 else { return "input not readable: \(path.display): \(Self.reason(errno))" }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let size: Int? = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        files.append(path.display)
        var issuers: CTIssuerDirectory?
        if let folder = CTIssuerDirectory.folder(forTileAt: path.display) {
            issuers = issuerDirectories[folder] ?? CTIssuerDirectory(folder: folder)
            issuerDirectories[folder] = issuers
        }
        current = FileItemReader(
            name: path.display, handle: handle, size: size, issuers: issuers, maximumItemSize: maximumItemSize)
        return nil
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Directory entries in path order, with the static-ct-api partial tiles that a full tile
    /// supersedes left out (reading both would check entries twice).
    static func sorted(_ entries: [Pending]) -> [Pending] {
        func key(_ entry: Pending) -> String {
            switch entry {
            case .path(let path): path.display
            case .problem(let source, _): source
            case .memory(let name, _): name
            }
        }
        let present = Set(entries.map(key))
        return entries.filter { entry in
            guard case .path(let path) = entry, let range = path.display.range(of: ".p/", options: .backwards) else {
                return true
            }
            return !present.contains(String(path.display[..<range.lowerBound]))
        }.sorted { key($0) < key($1) }
    }

    /// Regular files below `directory`, sorted by path; hidden files are skipped.
    static func files(under directory: String) -> [String] {
        var entries: [Pending] = []
        _ = collectEntries(
            under: FilePath(directory.hasSuffix("/") ? String(directory.dropLast()) : directory), into: &entries)
        return sorted(entries).compactMap { if case .path(let path) = $0 { path.display } else { nil } }
    }
}

/// A path as bytes (what open(2) needs; a name need not be UTF-8) and as text for evidence,
/// where a byte that is not UTF-8 is written `\xNN`.
struct FilePath {
    let bytes: [UInt8]
    let display: String

    init(_ text: String) {
        bytes = Array(text.utf8)
        display = text
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if let text = String(validating: bytes, as: UTF8.self) {
            display = text
        } else {
            display = Self.escaped(bytes)
        }
    }

    func appending(_ name: [UInt8]) -> FilePath { FilePath(bytes: bytes + [0x2F] + name) }

    func withCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// Valid UTF-8 runs as they are, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var start = 0
        while start < bytes.count {
            var end = bytes.count
            while end > start, String(validating: bytes[start..<end], as: UTF8.self) == nil { end -= 1 }
            if end > start {
                text += String(decoding: bytes[start..<end], as: UTF8.self)
                start = end
            } else {
                let hex = Array("0123456789ABCDEF")
                text += "\\x" + String(hex[Int(bytes[start] >> 4)]) + String(hex[Int(bytes[start] & 0x0F)])
                start += 1
            }
        }
        return text
    }
}

/// The entries below `directory` (readdir(3); hidden entries skipped; a symbolic link is
/// followed to a file, not into a directory): regular files, and a problem for each entry or
/// subfolder that cannot be read. Returns the problem when `directory` itself cannot be read.
private func collectEntries(under directory: FilePath, into entries: inout [InputReader.Pending]) -> String? {
    guard let stream = directory.withCString({ opendir($0) }) else {
        return "directory not readable: \(directory.display): \(InputReader.reason(errno))"
    }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
        // d_name is read through a pointer up to its NUL: a dirent record is only as long as its
        // name, so copying the declared 256-byte array reads past the last record of the buffer
        // (AddressSanitizer: heap-buffer-overflow in opendir's allocation).
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        let start = (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self)
        let name = Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
        if name.first == 0x2E { continue }
        let path = directory.appending(name)
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR):
            if let problem = collectEntries(under: path, into: &entries) {
                entries.append(.problem(source: path.display, reason: problem))
            }
        case Int32(DT_REG): entries.append(.path(path))
        default:
            var status = stat()
            if path.withCString({ stat($0, &status) }) != 0 {
                entries.append(
                    .problem(
                        source: path.display,
                        reason: "input cannot be examined: \(path.display): \(InputReader.reason(errno))"))
            } else if status.st_mode & S_IFMT == S_IFREG {
                entries.append(.path(path))
            }
        }
    }
    return nil
}

/// open(2) for reading (at file scope: inside `InputReader`, `open` names its own method).
private func openForReading(_ path: UnsafePointer<CChar>) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}
