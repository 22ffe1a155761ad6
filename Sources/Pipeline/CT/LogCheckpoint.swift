import COpenSSL
import Foundation

/// A log's signed tree head: an RFC 6962 `get-sth` response (JSON) or a C2SP checkpoint (signed
/// note: origin, tree size, base64 root hash). The tree size and root are what the completeness
/// proof compares with; the RFC 6962 signature is verified when the log's key is given.
public struct LogCheckpoint: Sendable {
    public var treeSize: UInt64
    public var rootHash: [UInt8]
    /// The STH timestamp (ms) and TreeHeadSignature (DigitallySigned), when the source has them.
    var timestamp: UInt64?
    var signature: [UInt8]?
    public var origin: String?

    /// Reads either form; nil when the text is neither.
    public init?(_ bytes: [UInt8]) {
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            guard let size = (object["tree_size"] as? NSNumber)?.uint64Value,
                let root = (object["sha256_root_hash"] as? String).flatMap({ Data(base64Encoded: $0) }),
                root.count == 32
            else { return nil }
            treeSize = size
            rootHash = [UInt8](root)
            timestamp = (object["timestamp"] as? NSNumber)?.uint64Value
            signature = (object["tree_head_signature"] as? String).flatMap { Data(base64Encoded: $0) }.map {
                [UInt8]($0)
            }
            return
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, let size = UInt64(lines[1]), let root = Data(base64Encoded: String(lines[2])),
            root.count == 32
        else { return nil }
        origin = String(lines[0])
        treeSize = size
        rootHash = [UInt8](root)
    }

    /// Verifies the RFC 6962 TreeHeadSignature (v1, tree_hash, timestamp, tree_size, root) with
    /// the log's SubjectPublicKeyInfo (DER); nil when this checkpoint carries no such signature.
    public func verifySignature(logKey spki: [UInt8]) -> Bool? {
        guard let timestamp, let signature, signature.count > 4, signature[0] == 4 else { return nil }
        let length = Int(signature[2]) << 8 | Int(signature[3])
        guard signature.count == 4 + length else { return false }
        var message: [UInt8] = [0x00, 0x01]
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: timestamp >> UInt64(shift)))
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: treeSize >> UInt64(shift)))
        }
        message += rootHash
        var pointer: UnsafePointer<UInt8>? = nil
        let key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            pointer = buffer.baseAddress
            return d2i_PUBKEY(nil, &pointer, buffer.count)
        }
        guard let key else { return false }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        let value = Array(signature[4...])
        return message.withUnsafeBufferPointer { m in
            value.withUnsafeBufferPointer { s in
                EVP_DigestVerify(context, s.baseAddress, s.count, m.baseAddress, m.count) == 1
            }
        }
    }
}
