import AuditCore
import COpenSSL
import Digests
import Foundation

/// `trustaudit verify-bundle DIR`: the manifest's CMS signature (when the bundle is signed) and
/// the SHA-256 of every file it lists; names each file changed, added or removed.
public struct BundleVerification: Sendable {
    /// The state of `manifest.json.p7s`.
    public enum Signature: Sendable, Hashable {
        case absent
        /// Verified over `manifest.json`; the signer's subject.
        case valid(signer: String)
        case invalid(String)
    }

    public var signature: Signature
    public var changed: [String] = []
    public var added: [String] = []
    public var removed: [String] = []
    /// Files the manifest lists and that match.
    public var verified: [String] = []

    /// Nothing changed, added or removed, and a signature, if present, verifies.
    public var isIntact: Bool {
        if case .invalid = signature { return false }
        return changed.isEmpty && added.isEmpty && removed.isEmpty
    }

    /// Verifies the bundle in `path`; a missing or unreadable manifest is an error.
    public static func verify(directory path: String) throws -> BundleVerification {
        let folder = URL(fileURLWithPath: path)
        let manifestURL = folder.appendingPathComponent(BundleWriter.manifestFile)
        guard let manifestBytes = FileManager.default.contents(atPath: manifestURL.path) else {
            throw BundleError.unreadable("\(manifestURL.path) (not a bundle, or its manifest was removed)")
        }
        var result = BundleVerification(signature: .absent)
        if let signature = FileManager.default.contents(
            atPath: folder.appendingPathComponent(BundleWriter.signatureFile).path)
        {
            result.signature = verifySignature(signature, over: manifestBytes)
        }
        guard let manifest = try? JSONDecoder().decode(RunManifest.self, from: manifestBytes),
            let files = manifest.files
        else {
            result.changed.append(BundleWriter.manifestFile)
            return result
        }
        for (name, expected) in files.sorted(by: { $0.key < $1.key }) {
            let file = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: file) else {
                result.removed.append(name)
                continue
            }
            if SHA256.hex(fileAt: file) == expected {
                result.verified.append(name)
            } else {
                result.changed.append(name)
            }
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let known = Set(files.keys).union([BundleWriter.manifestFile, BundleWriter.signatureFile])
        result.added = present.filter { !known.contains($0) }.sorted()
        return result
    }

    /// Verifies a detached CMS signature over `content` (the signer certificate is taken from
    /// the CMS; whether to trust it is the reviewer's decision, so it is named, not chained).
    static func verifySignature(_ der: Data, over content: Data) -> Signature {
        guard let source = try? memoryBIO(der) else { return .invalid("cannot read the signature") }
        defer { BIO_free(source) }
        guard let cms = d2i_CMS_bio(source, nil) else {
            return .invalid("manifest.json.p7s is not a DER CMS SignedData")
        }
        defer { CMS_ContentInfo_free(cms) }
        guard let data = try? memoryBIO(content), let store = X509_STORE_new() else { return .invalid("no memory") }
        defer {
            BIO_free(data)
            X509_STORE_free(store)
        }
        guard CMS_verify(cms, nil, store, data, nil, UInt32(CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY)) == 1 else {
            return .invalid("the signature does not verify over manifest.json (\(BundleSigner.openSSLError()))")
        }
        guard let signers = CMS_get0_signers(cms) else { return .invalid("the signature names no signer certificate") }
        defer { OPENSSL_sk_free(signers) }
        guard shim_sk_X509_num(signers) == 1, let certificate = shim_sk_X509_value(signers, 0),
            let signerInfos = CMS_get0_SignerInfos(cms), let signerInfo = OPENSSL_sk_value(signerInfos, 0)
        else { return .invalid("the signature must have exactly one signer") }
        // The embedded certificate is not covered by the signature itself: its hash is, in the
        // signed ESS signingCertificateV2 attribute.
        guard let oid = OBJ_txt2obj(BundleSigner.signingCertificateV2OID, 1) else { return .invalid("no memory") }
        defer { ASN1_OBJECT_free(oid) }
        guard let attribute = CMS_signed_get0_data_by_OBJ(OpaquePointer(signerInfo), oid, -3, V_ASN1_SEQUENCE),
            let der = try? BundleSigner.der(certificate)
        else { return .invalid("the signature has no ESS signingCertificateV2 attribute binding its certificate") }
        let value = attribute.assumingMemoryBound(to: ASN1_STRING.self)
        let bound = Array(
            UnsafeBufferPointer(start: ASN1_STRING_get0_data(value), count: Int(ASN1_STRING_length(value))))
        guard bound == BundleSigner.signingCertificateV2(der) else {
            return .invalid(
                "the embedded signer certificate is not the one the signature binds (ESS signingCertificateV2)")
        }
        guard let name = X509_get_subject_name(certificate), let text = X509_NAME_oneline(name, nil, 0) else {
            return .valid(signer: "unnamed signer")
        }
        defer { shim_OPENSSL_free(text) }
        return .valid(signer: String(cString: text))
    }
}
