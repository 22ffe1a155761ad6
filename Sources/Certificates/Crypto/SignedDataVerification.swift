internal import COpenSSL
import SwiftASN1

extension SignatureVerification {
    /// The digest each signature algorithm signs with (RFC 4055, RFC 5758, RFC 8410: EdDSA has none).
    public static let signatureDigests: [ASN1ObjectIdentifier: ASN1ObjectIdentifier?] = [
        [1, 2, 840, 113_549, 1, 1, 5]: [1, 3, 14, 3, 2, 26],
        [1, 2, 840, 113_549, 1, 1, 14]: [2, 16, 840, 1, 101, 3, 4, 2, 4],
        [1, 2, 840, 113_549, 1, 1, 11]: [2, 16, 840, 1, 101, 3, 4, 2, 1],
        [1, 2, 840, 113_549, 1, 1, 12]: [2, 16, 840, 1, 101, 3, 4, 2, 2],
        [1, 2, 840, 113_549, 1, 1, 13]: [2, 16, 840, 1, 101, 3, 4, 2, 3],
        [1, 2, 840, 10045, 4, 1]: [1, 3, 14, 3, 2, 26],
        [1, 2, 840, 10045, 4, 3, 1]: [2, 16, 840, 1, 101, 3, 4, 2, 4],
        [1, 2, 840, 10045, 4, 3, 2]: [2, 16, 840, 1, 101, 3, 4, 2, 1],
        [1, 2, 840, 10045, 4, 3, 3]: [2, 16, 840, 1, 101, 3, 4, 2, 2],
        [1, 2, 840, 10045, 4, 3, 4]: [2, 16, 840, 1, 101, 3, 4, 2, 3],
        [1, 3, 101, 112]: nil, [1, 3, 101, 113]: nil,
    ]

    /// Verifies `signature` over `data` (a CRL's tbsCertList, an OCSP response's
    /// tbsResponseData) with `key` under `signatureAlgorithm`, reading the bytes in place: a
    /// 50 MB CRL is hashed without a copy.
    public static func verify(
        signature: ArraySlice<UInt8>, over data: ArraySlice<UInt8>, key: IssuerKey,
        signatureAlgorithm: ASN1ObjectIdentifier
    ) -> Outcome {
        ERR_clear_error()
        defer { ERR_clear_error() }
        guard let digest = signatureDigests[signatureAlgorithm] else {
            return .unusable("signature algorithm \(signatureAlgorithm) is not supported here (RSASSA-PSS and others)")
        }
        var md: OpaquePointer?
        if let digest {
            guard let name = MessageDigest.names[digest], let found = EVP_get_digestbyname(name) else {
                return .unusable("digest algorithm \(digest) is not supported")
            }
            md = found
        }
        return digestVerify(
            signature: signature, over: data, key: key, md: md,
            mismatch: "the signature value does not match the signed data under \(signatureAlgorithm)")
    }

    /// EVP_DigestVerify of `signature` over `data` with `md` (nil for EdDSA), in place;
    /// `mismatch` is the reason given when the value does not match and OpenSSL says no more.
    static func digestVerify(
        signature: ArraySlice<UInt8>, over data: ArraySlice<UInt8>, key: IssuerKey, md: OpaquePointer?, mismatch: String
    ) -> Outcome {
        guard let context = EVP_MD_CTX_new() else { return .unusable("OpenSSL could not allocate a context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, md, nil, key.pointer) == 1 else { return .unusable(lastError()) }
        let result = signature.withUnsafeBufferPointer { sig in
            data.withUnsafeBufferPointer { message in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, message.baseAddress, message.count)
            }
        }
        switch result {
        case 1: return .valid
        case 0: return .invalid(mismatch)
        default:
            let reason = lastError()
            return .invalid(reason == noDetail ? mismatch : reason)
        }
    }
}
