import DERWalk
import SwiftASN1

// The extension decoders over TLVs: each gives what its swift-asn1 twin gives, reading the
// same elements with the same leniency (LenientASN1's children, strings, integers, OIDs), or
// nil where the twin would throw or the walk cannot tell; the twin then decodes.

extension BasicConstraints {
    init?(walking reader: TLVReader, _ root: TLV) {
        var fields = DERTree.lenientChildren(reader, root)[...]
        isCA = false
        if let first = fields.first, first.tag == 0x01 {
            isCA = reader.content(first).contains { $0 != 0 }
            fields = fields.dropFirst()
        }
        pathLength = fields.first.flatMap { DERTree.lenientInteger(reader, $0) }
    }
}

extension KeyUsage {
    init?(walking reader: TLVReader, _ root: TLV) {
        guard root.tag == 0x03, !root.isEmpty else { return nil }
        var bits = Set<Bit>()
        for (byteIndex, byte) in reader.content(root).dropFirst().enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                if let named = Bit(rawValue: byteIndex * 8 + bit) { bits.insert(named) }
            }
        }
        self.init(bits: bits)
    }
}

extension ExtendedKeyUsage {
    init?(walking reader: TLVReader, _ root: TLV) {
        var purposes: [ASN1ObjectIdentifier] = []
        for child in DERTree.lenient(reader, root) {
            switch DERTree.readOID(reader, child) {
            case .oid(let oid): purposes.append(oid)
            case .notAnOID: continue
            case .undecided: return nil
            }
        }
        self.purposes = purposes
    }
}

extension GeneralName {
    /// Nil where the walk cannot tell what the tree decoder would make of a directoryName.
    init?(walking reader: TLVReader, _ node: TLV) {
        let tag = UInt(node.tag & 0x1F)
        guard node.tag & 0xC0 == 0x80 else {
            self = .other(tag: tag)
            return
        }
        let primitive = node.tag & 0x20 == 0
        switch (tag, primitive) {
        case (1, true): self = .rfc822Name(String(decoding: reader.content(node), as: UTF8.self))
        case (2, true): self = .dnsName(String(decoding: reader.content(node), as: UTF8.self))
        case (6, true): self = .uri(String(decoding: reader.content(node), as: UTF8.self))
        case (7, true): self = .ipAddress(Array(reader.content(node)))
        case (4, false):
            guard let name = DERTree.lenient(reader, node).first(where: { _ in true }) else {
                self = .directoryName(nil)
                return
            }
            guard let decoded = DistinguishedName(walking: reader, name) else { return nil }
            self = .directoryName(decoded)
        case (4, true): self = .directoryName(nil)
        default: self = .other(tag: tag)
        }
    }

    static func list(walking reader: TLVReader, _ node: TLV) -> [GeneralName]? {
        var names: [GeneralName] = []
        for child in DERTree.lenient(reader, node) {
            guard let name = GeneralName(walking: reader, child) else { return nil }
            names.append(name)
        }
        return names
    }
}

extension SubjectAltName {
    init?(walking reader: TLVReader, _ root: TLV) {
        guard let names = GeneralName.list(walking: reader, root) else { return nil }
        self.names = names
    }
}

extension AuthorityInformationAccess {
    init?(walking reader: TLVReader, _ root: TLV) {
        for description in DERTree.lenient(reader, root) {
            let parts = DERTree.lenientChildren(reader, description)
            guard parts.count == 2 else { continue }
            let method: ASN1ObjectIdentifier
            switch DERTree.readOID(reader, parts[0]) {
            case .oid(let oid): method = oid
            case .notAnOID: continue
            case .undecided: return nil
            }
            guard method == Self.caIssuers || method == Self.ocsp else { continue }
            guard let name = GeneralName(walking: reader, parts[1]) else { return nil }
            if method == Self.caIssuers { caIssuers.append(name) } else { ocsp.append(name) }
        }
    }
}

extension CRLDistributionPoints {
    init?(walking reader: TLVReader, _ root: TLV) {
        for point in DERTree.lenient(reader, root) {
            // DistributionPoint { [0] distributionPoint { [0] fullName GeneralNames } … }
            guard let point = DERTree.lenient(reader, point).first(where: { $0.tag & 0x1F == 0 }),
                let fullName = DERTree.lenient(reader, point).first(where: { $0.tag & 0x1F == 0 })
            else { continue }
            guard let list = GeneralName.list(walking: reader, fullName) else { return nil }
            names += list
        }
    }
}

extension AuthorityKeyIdentifier {
    init?(walking reader: TLVReader, _ root: TLV) {
        keyIdentifier = DERTree.lenient(reader, root).first { $0.tag & 0xDF == 0x80 }
            .flatMap { $0.tag & 0x20 == 0 ? Array(reader.content($0)) : nil }
    }
}

extension SubjectKeyIdentifier {
    init?(walking reader: TLVReader, _ root: TLV) {
        guard root.tag == 0x04 else { return nil }
        keyIdentifier = Array(reader.content(root))
    }
}

extension PolicyInformation {
    static func list(walking reader: TLVReader, _ root: TLV) -> [PolicyInformation]? {
        var list: [PolicyInformation] = []
        for node in DERTree.lenient(reader, root) {
            guard let information = PolicyInformation(walking: reader, node) else { return nil }
            list.append(information)
        }
        return list
    }

    private init?(walking reader: TLVReader, _ node: TLV) {
        let parts = DERTree.lenientChildren(reader, node)
        if let first = parts.first {
            switch DERTree.readOID(reader, first) {
            case .oid(let oid): policy = oid
            case .notAnOID: policy = nil
            case .undecided: return nil
            }
        } else {
            policy = nil
        }
        for qualifier in parts.dropFirst().first.map({ Array(DERTree.lenient(reader, $0)) }) ?? [] {
            let fields = DERTree.lenientChildren(reader, qualifier)
            guard let first = fields.first else { continue }
            let id: ASN1ObjectIdentifier
            switch DERTree.readOID(reader, first) {
            case .oid(let oid): id = oid
            case .notAnOID: continue
            case .undecided: return nil
            }
            let value = fields.dropFirst().first
            switch id {
            case Self.cpsQualifier:
                let text = value.flatMap {
                    DERTree.isUniversal($0, 0x16) ? DERTree.lenientString(reader, $0) : nil
                }
                cpsPointers.append((text, value.map { DERTree.identifier($0.tag) } ?? .null))
            case Self.userNoticeQualifier:
                userNotices.append(Self.userNotice(walking: reader, value))
            default:
                otherQualifiers.append(OtherQualifier(id: id))
            }
        }
    }

    private static func userNotice(walking reader: TLVReader, _ node: TLV?) -> UserNotice {
        let fields = node.map { DERTree.lenientChildren(reader, $0) } ?? []
        let reference = fields.first { DERTree.isUniversal($0, 0x10) }
        let text = fields.first { !DERTree.isUniversal($0, 0x10) }.flatMap { field -> DisplayText? in
            guard field.tag & 0x20 == 0 else { return nil }
            let kind = field.tag & 0xC0 == 0 ? StringKind(tagNumber: UInt(field.tag & 0x1F)) : nil
            return DisplayText(
                kind: kind, tag: DERTree.identifier(field.tag), value: reader.content(field), offset: field.start)
        }
        return UserNotice(hasNoticeReference: reference != nil, explicitText: text)
    }
}

extension SubjectPublicKey {
    init?(walking reader: TLVReader, _ root: TLV) {
        // Children are read with iterators: arrays of them were four allocations per key.
        var parts = DERTree.lenient(reader, root)
        guard let algorithmIdentifier = parts.next(), let keyBits = parts.next(), parts.next() == nil else {
            return nil
        }
        var algorithmParts = DERTree.lenient(reader, algorithmIdentifier)
        guard let algorithmNode = algorithmParts.next(), keyBits.tag & 0x20 == 0 else { return nil }
        guard case .oid(let algorithm) = DERTree.readOID(reader, algorithmNode) else { return nil }
        self.algorithm = algorithm
        let parameterNode = algorithmParts.next()
        if let parameterNode {
            switch DERTree.readOID(reader, parameterNode) {
            case .oid(let oid): curve = oid
            case .notAnOID: curve = nil
            case .undecided: return nil
            }
        } else {
            curve = nil
        }
        parameters = parameterNode.map { reader.encoded($0) }
        rsaModulusBits = nil
        rsaExponent = nil
        guard algorithm == Self.rsaEncryption else { return }
        // RSAPublicKey inside the BIT STRING (after its unused-bits octet), read as BER.
        let bits = reader.content(keyBits)
        guard let key = DERTree.embeddedRoot(reader, bits.dropFirst()) else { return nil }
        var numbers = DERTree.lenient(reader, key)
        if let modulus = numbers.next(), let exponent = numbers.next(), numbers.next() == nil,
            modulus.tag & 0x20 == 0, exponent.tag & 0x20 == 0
        {
            let significant = reader.content(modulus).drop { $0 == 0 }
            rsaModulusBits = significant.first.map { significant.count * 8 - $0.leadingZeroBitCount } ?? 0
            let e = reader.content(exponent).drop { $0 == 0 }
            rsaExponent = e.count <= 8 ? e.reduce(0) { $0 << 8 | UInt64($1) } : nil
        }
    }
}
