import AuditCore
internal import COpenSSL

/// SHA-256 through libcrypto (OpenSSL 3): item digests for evidence, certificate hashes for
/// ESSCertID and fingerprints.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // The one-shot SHA256() with a caller buffer is thread-safe and does not allocate.
                _ = COpenSSL.SHA256(input.baseAddress, input.count, out.baseAddress)
            }
        }
        return output
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] { digest(bytes[...]) }

    /// The digest as lower-case hex, as written in evidence records.
    public static func hex(_ bytes: ArraySlice<UInt8>) -> String { Hex.string(digest(bytes)) }

    public static func hex(_ bytes: [UInt8]) -> String { hex(bytes[...]) }
}

/// SHA-1, only where a standard defines an identifier with it (RFC 5280 §4.2.1.2 key
/// identifiers); never for signatures.
public enum SHA1 {
    public static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in _ = COpenSSL.SHA1(input.baseAddress, input.count, out.baseAddress) }
        }
        return output
    }
}
