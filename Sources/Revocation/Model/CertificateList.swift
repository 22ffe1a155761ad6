import Certificates
import DERWalk

/// An RFC 5280 §5.1 CertificateList read from its bytes, every field kept as offsets into the
/// item. The revokedCertificates list stays one element: ``CRLEntryWalk`` reads its entries one
/// at a time, so a CRL of a million entries is never turned into a million values.
public struct CertificateList: Sendable {
    public let reader: TLVReader
    public let tbsCertList: TLV
    /// The version INTEGER, when encoded (v2 is 1; absent means v1).
    public let version: TLV?
    /// tbsCertList.signature and the outer signatureAlgorithm (RFC 5280 §5.1.1.2).
    public let innerSignatureAlgorithm: TLV
    public let signatureAlgorithm: TLV
    /// The signature BIT STRING's content, without the unused-bits octet.
    public let signatureValue: ArraySlice<UInt8>
    public let issuer: TLV
    public let thisUpdate: CertificateTime
    public let nextUpdate: CertificateTime?
    /// The revokedCertificates SEQUENCE, nil when absent.
    public let revokedCertificates: TLV?
    /// crlExtensions ([0] EXPLICIT), in order; empty when absent.
    public let extensions: [RevocationExtension]
    /// Whether the [0] crlExtensions field was encoded at all.
    public let hasExtensionsField: Bool

    /// Decodes the outer structure; the entries are left to ``CRLEntryWalk``.
    public init(bytes: [UInt8]) throws(RevocationError) {
        let reader = TLVReader(bytes)
        self.reader = reader
        guard let outer = reader.element(at: 0, limit: bytes.count), outer.tag == 0x30 else {
            throw RevocationError("not a readable DER SEQUENCE", at: "byte 0")
        }
        let parts = reader.children(of: outer)
        guard parts.count == 3, parts[0].tag == 0x30, parts[1].tag == 0x30, parts[2].tag == 0x03,
            parts[2].end == outer.end
        else {
            throw RevocationError(
                "CertificateList is not { tbsCertList, signatureAlgorithm, signatureValue }", at: "CertificateList")
        }
        tbsCertList = parts[0]
        signatureAlgorithm = parts[1]
        guard !parts[2].isEmpty else {
            throw RevocationError("the signature BIT STRING is empty", at: "signatureValue")
        }
        signatureValue = bytes[(parts[2].contentStart + 1)..<parts[2].end]
        let fields = reader.children(of: tbsCertList)
        guard fields.last?.end == tbsCertList.end else {
            throw RevocationError(
                "tbsCertList has an unreadable element", at: "byte \(fields.last?.end ?? tbsCertList.contentStart)")
        }
        var position = 0
        func next(_ matches: (UInt8) -> Bool) -> TLV? {
            guard position < fields.count, matches(fields[position].tag) else { return nil }
            position += 1
            return fields[position - 1]
        }
        version = next { $0 == 0x02 }
        guard let inner = next({ $0 == 0x30 }), let issuer = next({ $0 == 0x30 }),
            let thisUpdate = next({ $0 == 0x17 || $0 == 0x18 })
        else {
            throw RevocationError("tbsCertList lacks signature, issuer or thisUpdate in that order", at: "tbsCertList")
        }
        innerSignatureAlgorithm = inner
        self.issuer = issuer
        self.thisUpdate = CertificateTime(
            tag: thisUpdate.tag, content: reader.content(thisUpdate), offset: thisUpdate.start)
        nextUpdate = next { $0 == 0x17 || $0 == 0x18 }.map {
            CertificateTime(tag: $0.tag, content: reader.content($0), offset: $0.start)
        }
        revokedCertificates = next { $0 == 0x30 }
        if let wrapper = next({ $0 == 0xA0 }) {
            hasExtensionsField = true
            guard let list = reader.element(at: wrapper.contentStart, limit: wrapper.end), list.end == wrapper.end
            else {
                throw RevocationError(
                    "crlExtensions [0] does not hold one Extensions SEQUENCE", at: "byte \(wrapper.start)")
            }
            switch RevocationExtension.list(list, in: reader) {
            case .success(let list): extensions = list
            case .failure(let error): throw error
            }
        } else {
            hasExtensionsField = false
            extensions = []
        }
        guard position == fields.count else {
            throw RevocationError(
                "tbsCertList has an unexpected element (tag 0x\(ObjectIdentifierText.hex(fields[position].tag)))",
                at: "byte \(fields[position].start)")
        }
    }

    /// The CRL extensions whose extnID is `oid` (content octets).
    public func extensions(_ oid: [UInt8]) -> [RevocationExtension] {
        extensions.filter { $0.identifier.elementsEqual(oid) }
    }

    /// The cRLNumber's INTEGER content, when the extension is present and holds an INTEGER.
    public var crlNumber: ArraySlice<UInt8>? {
        guard let ext = extensions(RevocationOID.crlNumber).first,
            let integer = reader.element(at: ext.value.contentStart, limit: ext.value.end), integer.tag == 0x02
        else { return nil }
        return reader.content(integer)
    }

    /// The deltaCRLIndicator's BaseCRLNumber content, when present.
    public var baseCRLNumber: ArraySlice<UInt8>? {
        guard let ext = extensions(RevocationOID.deltaCRLIndicator).first,
            let integer = reader.element(at: ext.value.contentStart, limit: ext.value.end), integer.tag == 0x02
        else { return nil }
        return reader.content(integer)
    }

    public var isDelta: Bool { !extensions(RevocationOID.deltaCRLIndicator).isEmpty }

    /// The issuingDistributionPoint, decoded, when present.
    public var issuingDistributionPoint: IssuingDistributionPoint? {
        extensions(RevocationOID.issuingDistributionPoint).first.map {
            IssuingDistributionPoint(value: $0.value, reader: reader)
        }
    }

    /// The AKI keyIdentifier, when present.
    public var authorityKeyIdentifier: ArraySlice<UInt8>? {
        guard let ext = extensions(RevocationOID.authorityKeyIdentifier).first,
            let sequence = reader.element(at: ext.value.contentStart, limit: ext.value.end), sequence.tag == 0x30
        else { return nil }
        return reader.children(of: sequence).first { $0.tag == 0x80 }.map(reader.content)
    }

    /// The encoded issuer Name.
    public var issuerEncoded: ArraySlice<UInt8> { reader.encoded(issuer) }
}
