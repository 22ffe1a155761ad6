import COpenSSL
import Foundation

/// SHA-256 of a file, read in 1 MiB pieces (inputs may be far larger than memory).
public enum FileDigest {
    /// Lower-case hex SHA-256 of the file at `path`.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BundleError.unreadable(path) }
        defer { try? handle.close() }
        guard let context = EVP_MD_CTX_new() else { throw BundleError.unreadable("\(path): no digest context") }
        defer { EVP_MD_CTX_free(context) }
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            _ = chunk.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of bytes in memory.
    public static func sha256(_ bytes: [UInt8]) -> String {
        sha256Bytes(bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The 32-byte SHA-256 of bytes in memory.
    static func sha256Bytes(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { _ = SHA256($0.baseAddress, $0.count, &digest) }
        return digest
    }
}
