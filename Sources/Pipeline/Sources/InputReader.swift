import AuditCore
import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "input not found: \(path)"
        }
        if isDirectory.boolValue {
            pending.append(contentsOf: Self.files(under: path).reversed())
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "input not readable: \(path)" }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
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
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let path = "\(base)/\(relative)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        // A static-ct-api partial data tile (`N.p/W`) is superseded by the full tile `N` once the
        // log has grown past it: reading both would check entries twice.
        let present = Set(files)
        return files.filter { path in
            guard let range = path.range(of: ".p/", options: .backwards) else { return true }
            return !present.contains(String(path[..<range.lowerBound]))
        }.sorted()
    }
}
