import DERWalk
import SwiftASN1

extension Certificate {
    /// Decodes a certificate item as the checks do: the DER scan, then the walking decoder
    /// when the scan found the bytes clean, else swift-asn1 (strictly, then as BER).
    public init(decoding bytes: [UInt8]) throws(CertificateError) {
        self = try Self.decode(bytes, scan: DERScanner.scan(bytes)).get().certificate
    }

    /// The certificate in `bytes` given their DER scan, and whether it was walked. Clean DER
    /// (nearly every certificate) is walked; anything else, or anything the walk does not
    /// expect, goes to swift-asn1, which names what is wrong.
    static func decode(_ bytes: [UInt8], scan: DERScan) -> Result<
        (certificate: Certificate, walked: Bool), CertificateError
    > {
        let end = scan.valueLength ?? bytes.count
        if scan.violations.isEmpty, scan.suppressedViolations == 0, end == bytes.count,
            let certificate = Certificate(walking: bytes, length: end, treeChecked: scan.isWalkable)
        {
            return .success((certificate, true))
        }
        let value = bytes[0..<end]
        let node: ASN1Node
        do {
            node = try DER.parse(value)
        } catch {
            do {
                node = try BER.parse(value)
            } catch let berError {
                return .failure(.notDecodable("not a BER/DER value (\(berError))"))
            }
        }
        do throws(CertificateError) {
            return .success((try Certificate(node: node), false))
        } catch {
            return .failure(error)
        }
    }

    /// Decodes the first `length` bytes of `bytes` by walking their DER directly, without a
    /// swift-asn1 tree: for bytes the DER scan found clean, which is nearly every certificate.
    /// Nil at anything unexpected; ``init(node:)`` then decodes the same bytes and says what is
    /// wrong. Where both decode, the values are equal (tested on every vector).
    ///
    /// - Parameter treeChecked: the bytes' clean DER scan found them walkable
    ///   (``DERScan/isWalkable``), which spares the walk's own check of the tree.
    init?(walking bytes: [UInt8], length: Int, treeChecked: Bool = false) {
        let reader = TLVReader(bytes)
        guard let root = reader.element(at: 0, limit: length), root.end == length,
            treeChecked || DERTree.parsesAsTree(reader, root),
            let parts = DERTree.children(reader, root, tag: 0x30), parts.count == 3,
            let tbs = TBSCertificate(walking: reader, parts[0]),
            let signatureAlgorithm = AlgorithmIdentifier(walking: reader, parts[1]),
            let signature = DERTree.primitive(reader, parts[2], tag: 0x03)
        else { return nil }
        self.tbs = tbs
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        encoded = reader.encoded(root)
    }
}

extension TBSCertificate {
    init?(walking reader: TLVReader, _ node: TLV) {
        // The fields are read with a cursor, not collected into arrays first: a certificate has
        // about ten of them and ten extensions, and every array is an allocation.
        guard var fields = DERTree.Children(reader, node, tag: 0x30), var field = fields.next() else { return nil }
        encoded = reader.encoded(node)
        version = nil
        if field.tag & 0xDF == 0x80 {
            guard let integer = DERTree.explicit(reader, field, number: 0),
                let octets = DERTree.primitive(reader, integer, tag: 0x02), let next = fields.next()
            else { return nil }
            version = octets.count <= 4 ? octets.reduce(0) { $0 << 8 | Int($1) } : Int.max
            field = next
        }
        guard let serialNumber = DERTree.primitive(reader, field, tag: 0x02),
            let signatureNode = fields.next(), let signature = AlgorithmIdentifier(walking: reader, signatureNode),
            let issuerNode = fields.next(), let issuer = DistinguishedName(walking: reader, issuerNode),
            let validityNode = fields.next(), var validity = DERTree.Children(reader, validityNode, tag: 0x30),
            let notBeforeNode = validity.next(), let notAfterNode = validity.next(), validity.next() == nil,
            validity.isComplete,
            let notBefore = CertificateTime(walking: reader, notBeforeNode),
            let notAfter = CertificateTime(walking: reader, notAfterNode),
            let subjectNode = fields.next(), let subject = DistinguishedName(walking: reader, subjectNode),
            let spki = fields.next(), var spkiParts = DERTree.Children(reader, spki, tag: 0x30),
            let keyAlgorithmNode = spkiParts.next(), spkiParts.next() != nil, spkiParts.next() == nil,
            spkiParts.isComplete,
            let keyAlgorithm = AlgorithmIdentifier(walking: reader, keyAlgorithmNode)
        else { return nil }
        self.serialNumber = serialNumber
        self.signature = signature
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subject = subject
        subjectPublicKeyInfo = reader.encoded(spki)
        subjectPublicKeyAlgorithm = keyAlgorithm.algorithm
        extensions = []
        while let field = fields.next() {
            // [1] and [2] are the unique identifiers, skipped as by init(node:).
            guard field.tag & 0xC0 == 0x80, (1...3).contains(field.tag & 0x1F) else { return nil }
            guard field.tag & 0x1F == 3 else { continue }
            guard let list = DERTree.explicit(reader, field, number: 3),
                var nodes = DERTree.Children(reader, list, tag: 0x30)
            else { return nil }
            extensions.reserveCapacity(16)
            while let node = nodes.next() {
                guard let parsed = CertificateExtension(walking: reader, node) else { return nil }
                extensions.append(parsed)
            }
            guard nodes.isComplete else { return nil }
        }
        guard fields.isComplete else { return nil }
    }
}

extension AlgorithmIdentifier {
    init?(walking reader: TLVReader, _ node: TLV) {
        guard var children = DERTree.Children(reader, node, tag: 0x30), let first = children.next(),
            let algorithm = DERTree.objectIdentifier(reader, first)
        else { return nil }
        let second = children.next()
        guard children.next() == nil, children.isComplete else { return nil }
        self.algorithm = algorithm
        parameters = second.map { reader.encoded($0) }
        encoded = reader.encoded(node)
    }
}

extension DistinguishedName {
    init?(walking reader: TLVReader, _ node: TLV) {
        guard var sets = DERTree.Children(reader, node, tag: 0x30) else { return nil }
        var rdns: [[Attribute]] = []
        rdns.reserveCapacity(8) // names have about five RDNs: one allocation, not four
        while let set = sets.next() {
            guard var members = DERTree.Children(reader, set, tag: 0x31) else { return nil }
            var attributes: [Attribute] = []
            while let member = members.next() {
                guard var parts = DERTree.Children(reader, member, tag: 0x30), let typeNode = parts.next(),
                    let valueNode = parts.next(), parts.next() == nil, parts.isComplete,
                    let type = DERTree.objectIdentifier(reader, typeNode)
                else { return nil }
                let value = valueNode.tag & 0x20 == 0 ? reader.content(valueNode) : reader.encoded(valueNode)
                attributes.append(Attribute(type: type, valueTag: DERTree.identifier(valueNode.tag), value: value))
            }
            guard members.isComplete else { return nil }
            rdns.append(attributes)
        }
        guard sets.isComplete else { return nil }
        self.rdns = rdns
        encoded = reader.encoded(node)
    }
}

extension CertificateExtension {
    init?(walking reader: TLVReader, _ node: TLV) {
        guard var parts = DERTree.Children(reader, node, tag: 0x30), let first = parts.next(),
            let second = parts.next()
        else { return nil }
        let third = parts.next()
        guard parts.next() == nil, parts.isComplete, let oid = DERTree.objectIdentifier(reader, first),
            let value = DERTree.primitive(reader, third ?? second, tag: 0x04)
        else { return nil }
        self.oid = oid
        if third != nil {
            guard let flag = DERTree.primitive(reader, second, tag: 0x01) else { return nil }
            critical = flag.contains { $0 != 0 }
            encodesDefaultCriticality = !critical
        } else {
            critical = false
            encodesDefaultCriticality = false
        }
        self.value = value
        encoded = reader.encoded(node)
    }
}

extension CertificateTime {
    /// UTCTime and GeneralizedTime only; other encodings go through ``init(node:)``.
    init?(walking reader: TLVReader, _ node: TLV) {
        guard node.tag == 0x17 || node.tag == 0x18 else { return nil }
        self.init(tag: node.tag, content: reader.content(node), offset: node.start)
    }
}
