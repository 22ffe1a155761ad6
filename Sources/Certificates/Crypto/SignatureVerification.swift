internal import COpenSSL

/// Verifies a certificate's signature with an issuer's public key through libcrypto (RSA PKCS#1
/// v1.5 and PSS, ECDSA on any curve OpenSSL knows incl. brainpool, EdDSA).
public enum SignatureVerification {
    /// The outcome: verified, not verified (with OpenSSL's reason), or could not be attempted.
    public enum Outcome: Sendable, Hashable {
        case valid
        case invalid(String)
        case unusable(String)
    }

    /// Verifies `certificate` (its exact bytes) with the key in `issuerSPKI`.
    public static func verify(certificate: ArraySlice<UInt8>, issuerKey: IssuerKey) -> Outcome {
        ERR_clear_error()
        defer { ERR_clear_error() }
        let x509: OpaquePointer? = certificate.withUnsafeBufferPointer { buffer in
            var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &pointer, buffer.count)
        }
        guard let x509 else { return .unusable("OpenSSL cannot decode the certificate: \(lastError())") }
        defer { X509_free(x509) }
        switch X509_verify(x509, issuerKey.pointer) {
        case 1: return .valid
        case 0:
            let reason = lastError()
            return .invalid(
                reason == noDetail
                    ? "the signature value does not match the signed data under the declared algorithm" : reason)
        default: return .unusable(lastError())
        }
    }

    static let noDetail = "no detail from OpenSSL"

    static func lastError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return noDetail }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// An issuer's public key decoded once by OpenSSL (decoding costs ~100 µs in OpenSSL 3.0, so it
/// is cached per issuer rather than per certificate).
///
/// `@unchecked Sendable`: the key is never modified after decoding, and OpenSSL 3 allows an
/// EVP_PKEY to be used by concurrent verifications.
public final class IssuerKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Decodes a SubjectPublicKeyInfo; nil when OpenSSL does not support the key.
    public init?(subjectPublicKeyInfo: ArraySlice<UInt8>) {
        ERR_clear_error()
        let key: OpaquePointer? = subjectPublicKeyInfo.withUnsafeBufferPointer { buffer in
            var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PUBKEY(nil, &pointer, buffer.count)
        }
        ERR_clear_error()
        guard let key else { return nil }
        pointer = key
    }

    deinit { EVP_PKEY_free(pointer) }
}
