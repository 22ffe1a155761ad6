import AuditCore
import Foundation
import Pipeline

/// SHA-256 of a file, read in 1 MiB pieces (inputs may be far larger than memory).
public enum FileDigest {
    /// Lower-case hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BundleError.unreadable(path) }
        defer { try? handle.close() }
        let stream = SHA256Stream()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { stream.update(chunk) }
        return stream.hex()
    }

    /// Lower-case hex SHA-256 of bytes in memory.
    public static func sha256(_ bytes: [UInt8]) -> String { Hex.string(sha256Bytes(bytes)) }

    /// The 32-byte SHA-256 of bytes in memory.
    static func sha256Bytes(_ bytes: [UInt8]) -> [UInt8] { SHA256Stream.digest([bytes[...]]) }
}
