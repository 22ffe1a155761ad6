import Foundation

/// Paths the tests read: the project's own vectors (always present) and the shared real-world
/// vectors beside the project (present in CI; tests that need them say so when they are absent).
public enum Repository {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() } // Tests/TestSupport/Repository.swift
        return url
    }()

    public static let testVectors = root.appendingPathComponent("TestVectors")

    /// `../shared/vectors`, or nil when this checkout has no shared folder beside it.
    public static let sharedVectors: URL? = {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/vectors")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    public static var sharedVectorsAbsentMessage: String {
        "../shared/vectors is absent beside \(root.path): tests on real-world vectors skipped"
    }

    public static func bytes(_ relativePath: String, in base: URL = testVectors) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: base.appendingPathComponent(relativePath)))
    }

    /// The DER blocks of a PEM text (every BEGIN/END block), or the bytes themselves when they
    /// are not PEM.
    public static func derBlocks(_ bytes: [UInt8]) -> [[UInt8]] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("-----BEGIN ") else { return [bytes] }
        return text.components(separatedBy: "-----BEGIN ").dropFirst().compactMap { block in
            let body = block.split(separator: "\n").dropFirst().prefix { !$0.hasPrefix("-----END") }.joined()
            return Data(base64Encoded: body).map { [UInt8]($0) }
        }
    }

    /// The first certificate (DER) of a PEM or DER file under TestVectors/.
    public static func der(_ relativePath: String) throws -> [UInt8] {
        derBlocks(try bytes(relativePath)).first ?? []
    }

    /// Files directly or recursively under `directory`, sorted.
    public static func files(under directory: URL, extensions: Set<String>? = nil) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var result: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if let extensions, !extensions.contains(url.pathExtension) { continue }
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }
}

/// The per-file expectations of `TestVectors/expected.json`.
public struct ExpectedVectors: Decodable, Sendable {
    public struct Record: Decodable, Sendable {
        public var kind: String
        public var verdict: String
        public var failed: [String]
        /// The profile `--profile auto` must choose, where the vector pins it.
        public var profile: String?
        /// The result with extra command-line inputs (paths relative to TestVectors/).
        public var withInputs: WithInputs?
    }

    public struct WithInputs: Decodable, Sendable {
        public var args: [String]
        public var verdict: String
        public var failed: [String]
    }

    public struct File: Decodable, Sendable {
        public var path: String
        public var records: [Record]
    }

    public var files: [File]
    public var nonInputs: [String]?

    public static func load() throws -> ExpectedVectors {
        try JSONDecoder().decode(
            ExpectedVectors.self, from: Data(contentsOf: Repository.testVectors.appendingPathComponent("expected.json"))
        )
    }
}
