import AuditCore
internal import COpenSSL
import Foundation

/// SHA-256 through libcrypto (OpenSSL 3), the one front end of the package: item digests for
/// evidence, certificate hashes for ESSCertID and fingerprints, CT leaves and Merkle nodes,
/// population digests, files of any size. ``SHA256Stream`` takes data given in pieces.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // Thread-safe, no allocation, and no EVP fetch per call (see shim_sha256).
                shim_sha256(input.baseAddress, input.count, out.baseAddress)
            }
        }
        return output
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] { digest(bytes[...]) }

    /// The digest as lower-case hex, as written in evidence records.
    public static func hex(_ bytes: ArraySlice<UInt8>) -> String { Hex.string(digest(bytes)) }

    public static func hex(_ bytes: [UInt8]) -> String { hex(bytes[...]) }

    /// The lower-case hex digest of `data` (shard lines read from disk).
    public static func hex(_ data: Data) -> String {
        let stream = SHA256Stream()
        stream.update(data)
        return stream.hex()
    }

    /// The digest of the concatenated parts (a CT leaf, a Merkle node).
    public static func digest(_ parts: [ArraySlice<UInt8>]) -> [UInt8] {
        let stream = SHA256Stream()
        for part in parts { stream.update(part) }
        return stream.finish()
    }

    /// The lower-case hex digest of the file at `path`, read in 1 MiB pieces (inputs may be far
    /// larger than memory); nil when it cannot be read.
    public static func hex(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let stream = SHA256Stream()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { stream.update(chunk) }
        } catch {
            return nil
        }
        return stream.hex()
    }
}
