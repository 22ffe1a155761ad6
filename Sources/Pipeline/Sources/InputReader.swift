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
    private var pending: [String]
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

    public init(paths: [String]) {
        self.pending = paths.reversed()
        self.inputs = paths
    }

    /// The next item, or nil when every input is exhausted.
    public func next() -> InputItem? {
        while true {
            if let reader = current, let item = reader.next() {
                defer { nextIndex += 1 }
                return InputItem(index: nextIndex, source: item.source, bytes: item.bytes, problem: item.problem, origin: reader.currentOrigin)
            }
            if let record = current?.samplingRecord { samplingRecords.append(record) }
            current = nil
            guard let path = pending.popLast() else { return nil }
            if let problemItem = open(path) {
                defer { nextIndex += 1 }
                return InputItem(index: nextIndex, source: path, bytes: [], problem: problemItem)
            }
        }
    }

    /// Opens `path` as the current reader, queues a directory's files, or returns a problem.
    private func open(_ path: String) -> String? {
        if path == "-" {
            files.append(path)
            current = FileItemReader(name: "-", handle: FileHandle.standardInput, size: nil)
            return nil
        }
        // One stat(2) and one open(2) per file: Foundation's existence, attribute and handle calls
        // cost more than checking a certificate when a folder holds one certificate per file.
        var status = stat()
        guard stat(path, &status) == 0 else { return "input not found: \(path)" }
        if status.st_mode & S_IFMT == S_IFDIR {
            pending.append(contentsOf: Self.files(under: path).reversed())
            return nil
        }
        let descriptor = openForReading(path)
        guard descriptor >= 0 else { return "input not readable: \(path)" }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let size: Int? = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
        files.append(path)
        var issuers: CTIssuerDirectory?
        if let folder = CTIssuerDirectory.folder(forTileAt: path) {
            issuers = issuerDirectories[folder] ?? CTIssuerDirectory(folder: folder)
            issuerDirectories[folder] = issuers
        }
        current = FileItemReader(name: path, handle: handle, size: size, issuers: issuers)
        return nil
    }

    /// Regular files below `directory`, sorted by path; hidden files are skipped.
    static func files(under directory: String) -> [String] {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files: [String] = []
        collectFiles(under: base, into: &files)
        // A static-ct-api partial data tile (`N.p/W`) is superseded by the full tile `N` once the
        // log has grown past it: reading both would check entries twice.
        let present = Set(files)
        return files.filter { path in
            guard let range = path.range(of: ".p/", options: .backwards) else { return true }
            return !present.contains(String(path[..<range.lowerBound]))
        }.sorted()
    }
}

/// The regular files below `directory` (readdir(3); hidden entries skipped; a symbolic link is
/// followed to a file, not into a directory).
private func collectFiles(under directory: String, into files: inout [String]) {
    guard let stream = opendir(directory) else { return }
    defer { closedir(stream) }
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        let path = directory + "/" + name
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR): collectFiles(under: path, into: &files)
        case Int32(DT_REG): files.append(path)
        default:
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { files.append(path) }
        }
    }
}

/// open(2) for reading (at file scope: inside `InputReader`, `open` names its own method).
private func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}
