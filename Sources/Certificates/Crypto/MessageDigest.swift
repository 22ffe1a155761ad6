internal import COpenSSL
import SwiftASN1

/// Digests by algorithm OID through libcrypto (SHA-1, SHA-2, SHA-3), for CMS message digests,
/// time-stamp imprints and ESSCertID hashes.
public enum MessageDigest {
    /// OpenSSL names of the hash algorithms by OID.
    public static let names: [ASN1ObjectIdentifier: String] = [
        [1, 3, 14, 3, 2, 26]: "SHA1", [2, 16, 840, 1, 101, 3, 4, 2, 4]: "SHA224",
        [2, 16, 840, 1, 101, 3, 4, 2, 1]: "SHA256",
        [2, 16, 840, 1, 101, 3, 4, 2, 2]: "SHA384", [2, 16, 840, 1, 101, 3, 4, 2, 3]: "SHA512",
        [2, 16, 840, 1, 101, 3, 4, 2, 8]: "SHA3-256", [2, 16, 840, 1, 101, 3, 4, 2, 9]: "SHA3-384",
        [2, 16, 840, 1, 101, 3, 4, 2, 10]: "SHA3-512", [1, 2, 840, 113_549, 2, 5]: "MD5",
        [1, 3, 36, 3, 2, 1]: "RIPEMD160",
    ]

    /// The digest of `bytes` under `algorithm`, or nil when the algorithm is unknown.
    public static func digest(_ algorithm: ASN1ObjectIdentifier, _ bytes: some Collection<UInt8>) -> [UInt8]? {
        guard let name = names[algorithm], let md = EVP_get_digestbyname(name) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let input = Array(bytes)
        let ok = input.withUnsafeBufferPointer { buffer in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, &length, md, nil)
            }
        }
        ERR_clear_error()
        return ok == 1 ? Array(output.prefix(Int(length))) : nil
    }

    /// The output length in bytes, or nil when unknown.
    public static func length(_ algorithm: ASN1ObjectIdentifier) -> Int? {
        guard let name = names[algorithm], let md = EVP_get_digestbyname(name) else { return nil }
        return Int(EVP_MD_get_size(md))
    }
}

extension SignatureVerification {
    /// Verifies a raw signature over `data` with `key`, hashing with `digest` (CMS signer infos:
    /// RSA PKCS#1 v1.5, ECDSA, EdDSA; RSASSA-PSS is reported as unusable here).
    public static func verify(
        signature: some Collection<UInt8>, over data: some Collection<UInt8>, key: IssuerKey,
        digest: ASN1ObjectIdentifier
    ) -> Outcome {
        ERR_clear_error()
        defer { ERR_clear_error() }
        guard let name = MessageDigest.names[digest], let md = EVP_get_digestbyname(name) else {
            return .unusable("digest algorithm \(digest) is not supported")
        }
        return digestVerify(
            signature: Array(signature)[...], over: Array(data)[...], key: key, md: md,
            mismatch: "the signature value does not match the signed attributes")
    }
}
