import AuditCore
internal import COpenSSL
import Foundation

/// SHA-256 over data given in pieces (shard lines, files read in chunks, a population's item
/// digests, the parts of a CT leaf or Merkle node), through libcrypto's EVP interface.
public final class SHA256Stream {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }

    /// The digest; the stream is finished after this.
    public func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest
    }

    public func hex() -> String { Hex.string(finish()) }
}
