import Digests
import SwiftASN1

/// An X.509 certificate decoded into our own model (RFC 5280 §4.1) on swift-asn1.
///
/// Keys and signatures stay bytes plus algorithm, so brainpool keys and RSASSA-PSS signatures
/// are values rather than decoding failures; the original bytes are kept beside every field for
/// signature checks and evidence.
public struct Certificate: Sendable, Hashable {
    public var tbs: TBSCertificate
    public var signatureAlgorithm: AlgorithmIdentifier
    /// The BIT STRING contents of the signature (first octet: unused bits).
    public var signature: ArraySlice<UInt8>
    /// The certificate's bytes (the first TLV of the item).
    public var encoded: ArraySlice<UInt8>

    /// Decodes a certificate from an already parsed node tree (DER or, for evidence on broken
    /// input, BER).
    public init(node: ASN1Node) throws(CertificateError) {
        let parts = try node.children(expecting: .sequence, at: "certificate")
        guard parts.count == 3 else {
            throw .unexpectedStructure("Certificate has \(parts.count) elements (must be 3)", at: "certificate")
        }
        tbs = try TBSCertificate(node: parts[0])
        signatureAlgorithm = try AlgorithmIdentifier(node: parts[1], location: "signatureAlgorithm")
        signature = try parts[2].primitive(expecting: .bitString, at: "signatureValue")
        encoded = node.encodedBytes
    }

    /// True for an RFC 6962 precertificate (poison extension present).
    public var isPrecertificate: Bool { tbs.extension(.CertificateExtension.ctPoison) != nil }

    /// The subjectPublicKey BIT STRING contents without the unused-bits octet (what RFC 5280
    /// §4.2.1.2 method 1 hashes into a key identifier).
    public var subjectPublicKeyBits: ArraySlice<UInt8>? {
        guard let spki = try? BER.parse(tbs.subjectPublicKeyInfo), case .constructed(let parts) = spki.content,
            let bits = Array(parts).dropFirst().first, case .primitive(let content) = bits.content, !content.isEmpty
        else { return nil }
        return content.dropFirst()
    }

    /// The key identifier: the subjectKeyIdentifier extension, or RFC 5280 method 1 (SHA-1 of the
    /// public key bits) when the extension is absent.
    public var keyIdentifier: [UInt8]? {
        if let ext = tbs.extension(.CertificateExtension.subjectKeyIdentifier),
            let node = try? BER.parse(ext.value), case .primitive(let bytes) = node.content
        {
            return Array(bytes)
        }
        return subjectPublicKeyBits.map(SHA1.digest)
    }

    /// True when issuer and subject are the same name (a self-issued certificate).
    public var isSelfIssued: Bool { tbs.issuer.encoded.elementsEqual(tbs.subject.encoded) }
}
