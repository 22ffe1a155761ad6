import COpenSSL
import Digests
import Foundation

/// The auditor's signing key and certificate (`--sign-key`, `--sign-cert`): PEM key and
/// certificate, or one PKCS#12 file. Signs `manifest.json` with a detached CMS SignedData.
public struct BundleSigner: Sendable {
    private let key: [UInt8]
    private let certificate: [UInt8]?
    private let password: String?

    /// Reads and tries the key and certificate once, so a wrong file or password is a usage
    /// error before any item is checked.
    public init(keyPath: String, certificatePath: String?, password: String?) throws {
        guard let key = FileManager.default.contents(atPath: keyPath) else { throw BundleError.unreadable(keyPath) }
        self.key = [UInt8](key)
        if let certificatePath {
            guard let certificate = FileManager.default.contents(atPath: certificatePath) else {
                throw BundleError.unreadable(certificatePath)
            }
            self.certificate = [UInt8](certificate)
        } else {
            certificate = nil
        }
        self.password = password
        _ = try sign(Data("trustaudit".utf8))
    }

    /// The DER CMS SignedData (detached, binary) over `content`.
    public func sign(_ content: Data) throws -> Data {
        let (privateKey, signerCertificate) = try loadCredentials()
        defer {
            EVP_PKEY_free(privateKey)
            X509_free(signerCertificate)
        }
        let data = try memoryBIO(content)
        defer { BIO_free(data) }
        let flags = UInt32(CMS_DETACHED | CMS_BINARY)
        guard let cms = CMS_sign(nil, nil, nil, nil, flags | UInt32(CMS_PARTIAL)) else {
            throw BundleError.signing("CMS_sign failed: \(Self.openSSLError())")
        }
        defer { CMS_ContentInfo_free(cms) }
        guard let signerInfo = CMS_add1_signer(cms, signerCertificate, privateKey, EVP_sha256(), flags) else {
            throw BundleError.signing("CMS_add1_signer failed: \(Self.openSSLError())")
        }
        // ESS signingCertificateV2 (RFC 5035) binds the embedded certificate to the signature, so
        // a change to the certificate bytes is detected, not only a change to the manifest.
        let binding = Self.signingCertificateV2(try Self.der(signerCertificate))
        guard
            binding.withUnsafeBufferPointer({
                CMS_signed_add1_attr_by_txt(
                    signerInfo, Self.signingCertificateV2OID, V_ASN1_SEQUENCE, $0.baseAddress, Int32($0.count))
            }) == 1,
            CMS_final(cms, data, nil, flags) == 1
        else { throw BundleError.signing("cannot finish the CMS: \(Self.openSSLError())") }
        guard let out = BIO_new(BIO_s_mem()) else { throw BundleError.signing("no memory BIO") }
        defer { BIO_free(out) }
        guard i2d_CMS_bio(out, cms) == 1 else {
            throw BundleError.signing("cannot encode the CMS: \(Self.openSSLError())")
        }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = shim_BIO_get_mem_data(out, &pointer)
        guard let pointer, length > 0 else { throw BundleError.signing("empty CMS") }
        return Data(bytes: pointer, count: length)
    }

    private func loadCredentials() throws -> (OpaquePointer, OpaquePointer) {
        let source = try memoryBIO(Data(key))
        defer { BIO_free(source) }
        if key.starts(with: Array("-----BEGIN".utf8)) {
            guard let privateKey = withPassword({ PEM_read_bio_PrivateKey(source, nil, nil, $0) }) else {
                throw BundleError.signing("--sign-key is not a readable PEM private key (\(Self.openSSLError()))")
            }
            guard let certificate else {
                EVP_PKEY_free(privateKey)
                throw BundleError.signing("--sign-cert is needed with a PEM key")
            }
            let certificateSource = try memoryBIO(Data(certificate))
            defer { BIO_free(certificateSource) }
            guard let x509 = PEM_read_bio_X509(certificateSource, nil, nil, nil) else {
                EVP_PKEY_free(privateKey)
                throw BundleError.signing("--sign-cert is not a readable PEM certificate")
            }
            return (privateKey, x509)
        }
        guard let pkcs12 = d2i_PKCS12_bio(source, nil) else {
            throw BundleError.signing("--sign-key is neither a PEM key nor PKCS#12")
        }
        defer { PKCS12_free(pkcs12) }
        var privateKey: OpaquePointer?
        var x509: OpaquePointer?
        let parsed = withPassword { PKCS12_parse(pkcs12, $0, &privateKey, &x509, nil) }
        guard parsed == 1, let privateKey, let x509 else {
            throw BundleError.signing("the PKCS#12 file cannot be opened (wrong --sign-password?)")
        }
        return (privateKey, x509)
    }

    private func withPassword<T>(_ body: (UnsafeMutablePointer<CChar>?) -> T) -> T {
        guard let password else { return body(nil) }
        var bytes = Array(password.utf8CString)
        return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }

    static let signingCertificateV2OID = "1.2.840.113549.1.9.16.2.47"

    /// SigningCertificateV2 ::= SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash (SHA-256, the
    /// default algorithm) } }.
    static func signingCertificateV2(_ certificate: [UInt8]) -> [UInt8] {
        let hash = SHA256.digest(certificate)
        return [0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20] + hash
    }

    static func der(_ certificate: OpaquePointer) throws -> [UInt8] {
        var pointer: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &pointer)
        guard length > 0, let pointer else { throw BundleError.signing("cannot encode the signer certificate") }
        defer { shim_OPENSSL_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    static func openSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "unknown OpenSSL error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A read-only memory BIO over a copy of `data` (freed by the caller).
func memoryBIO(_ data: Data) throws -> OpaquePointer {
    // BIO_write takes an Int32 length: a file over 2 GiB (a bundle's manifest.json.p7s is read
    // from disk) is refused instead of trapping in the conversion.
    guard let length = Int32(exactly: data.count) else {
        throw BundleError.signing("\(data.count) bytes do not fit a memory BIO (2 GiB at most)")
    }
    guard let bio = BIO_new(BIO_s_mem()) else { throw BundleError.signing("no memory BIO") }
    _ = data.withUnsafeBytes { BIO_write(bio, $0.baseAddress, length) }
    return bio
}
