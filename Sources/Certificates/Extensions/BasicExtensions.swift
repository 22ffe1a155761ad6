import SwiftASN1

/// basicConstraints (RFC 5280 §4.2.1.9).
public struct BasicConstraints: Sendable, Hashable {
    public var isCA: Bool
    public var pathLength: Int?

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "basicConstraints")
        var fields = LenientASN1.children(root)[...]
        isCA = false
        if let first = fields.first, first.identifier == .boolean, case .primitive(let flag) = first.content {
            isCA = flag.contains { $0 != 0 }
            fields = fields.dropFirst()
        }
        pathLength = fields.first.flatMap(LenientASN1.integer)
    }
}

/// keyUsage (RFC 5280 §4.2.1.3) as its named bits.
public struct KeyUsage: Sendable, Hashable, CustomStringConvertible {
    public enum Bit: Int, Sendable, CaseIterable {
        case digitalSignature = 0
        case nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign,
            cRLSign, encipherOnly, decipherOnly

        /// The bit's name as RFC 5280 writes it (spelled out: reflection is slow per item).
        public var name: String {
            switch self {
            case .digitalSignature: "digitalSignature"
            case .nonRepudiation: "nonRepudiation"
            case .keyEncipherment: "keyEncipherment"
            case .dataEncipherment: "dataEncipherment"
            case .keyAgreement: "keyAgreement"
            case .keyCertSign: "keyCertSign"
            case .cRLSign: "cRLSign"
            case .encipherOnly: "encipherOnly"
            case .decipherOnly: "decipherOnly"
            }
        }
    }

    public var bits: Set<Bit>

    public init(bits: Set<Bit>) { self.bits = bits }

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "keyUsage")
        guard root.identifier == .bitString, case .primitive(let content) = root.content, !content.isEmpty else {
            throw .unexpectedStructure("keyUsage is not a BIT STRING", at: "keyUsage")
        }
        var bits = Set<Bit>()
        for (byteIndex, byte) in content.dropFirst().enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                if let named = Bit(rawValue: byteIndex * 8 + bit) { bits.insert(named) }
            }
        }
        self.bits = bits
    }

    public func contains(_ bit: Bit) -> Bool { bits.contains(bit) }

    public var description: String {
        // The set's members as a mask, then named in bit order: testing each of the nine bits
        // against the set hashed it nine times, and evidence names the usage of every certificate.
        var mask = 0
        for bit in bits { mask |= 1 << bit.rawValue }
        var text = ""
        for bit in Bit.allCases where mask & (1 << bit.rawValue) != 0 {
            if !text.isEmpty { text += ", " }
            text += bit.name
        }
        return text
    }
}

/// extKeyUsage (RFC 5280 §4.2.1.12).
public struct ExtendedKeyUsage: Sendable, Hashable {
    public static let serverAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 1]
    public static let clientAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 2]
    public static let codeSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 3]
    public static let emailProtection: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 4]
    public static let timeStamping: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]
    public static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]
    /// id-tsl-kp-tslSigning, ETSI TS 119 612 §5.7.1.
    public static let tslSigning: ASN1ObjectIdentifier = [0, 4, 0, 2231, 3, 0]
    public static let anyExtendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]

    public var purposes: [ASN1ObjectIdentifier]

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "extKeyUsage")
        purposes = LenientASN1.children(root).compactMap(LenientASN1.oid)
    }
}

/// certificatePolicies (RFC 5280 §4.2.1.4): the policy OIDs in order.
public struct CertificatePolicies: Sendable, Hashable {
    public var policies: [ASN1ObjectIdentifier]
}

/// subjectAltName (RFC 5280 §4.2.1.6).
public struct SubjectAltName: Sendable, Hashable {
    public var names: [GeneralName]

    init(_ ext: CertificateExtension) throws(CertificateError) {
        names = GeneralName.list(try LenientASN1.root(ext.value, "subjectAltName"))
    }

    public var dnsNames: [String] {
        names.compactMap { if case .dnsName(let n) = $0 { n } else { nil } }
    }
}

/// authorityInfoAccess (RFC 5280 §4.2.2.1).
public struct AuthorityInformationAccess: Sendable, Hashable {
    public static let caIssuers: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 2]
    public static let ocsp: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1]

    public var caIssuers: [GeneralName] = []
    public var ocsp: [GeneralName] = []

    init(_ ext: CertificateExtension) throws(CertificateError) {
        for description in LenientASN1.children(try LenientASN1.root(ext.value, "authorityInfoAccess")) {
            let parts = LenientASN1.children(description)
            guard parts.count == 2, let method = LenientASN1.oid(parts[0]) else { continue }
            if method == Self.caIssuers { caIssuers.append(GeneralName(node: parts[1])) }
            if method == Self.ocsp { ocsp.append(GeneralName(node: parts[1])) }
        }
    }
}

/// cRLDistributionPoints (RFC 5280 §4.2.1.13): the full-name URIs of all points.
public struct CRLDistributionPoints: Sendable, Hashable {
    public var names: [GeneralName] = []

    init(_ ext: CertificateExtension) throws(CertificateError) {
        for point in LenientASN1.children(try LenientASN1.root(ext.value, "cRLDistributionPoints")) {
            // DistributionPoint { [0] distributionPoint { [0] fullName GeneralNames } … }
            guard let dp = LenientASN1.children(point).first(where: { $0.identifier.tagNumber == 0 }),
                let fullName = LenientASN1.children(dp).first(where: { $0.identifier.tagNumber == 0 })
            else { continue }
            names += GeneralName.list(fullName)
        }
    }
}

/// authorityKeyIdentifier (RFC 5280 §4.2.1.1): the keyIdentifier, if any.
public struct AuthorityKeyIdentifier: Sendable, Hashable {
    public var keyIdentifier: [UInt8]?

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "authorityKeyIdentifier")
        keyIdentifier = LenientASN1.children(root).first {
            $0.identifier.tagClass == .contextSpecific && $0.identifier.tagNumber == 0
        }
        .flatMap { if case .primitive(let b) = $0.content { Array(b) } else { nil } }
    }
}

/// subjectKeyIdentifier (RFC 5280 §4.2.1.2).
public struct SubjectKeyIdentifier: Sendable, Hashable {
    public var keyIdentifier: [UInt8]

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "subjectKeyIdentifier")
        guard root.identifier == .octetString, case .primitive(let bytes) = root.content else {
            throw .unexpectedStructure("subjectKeyIdentifier is not an OCTET STRING", at: "subjectKeyIdentifier")
        }
        keyIdentifier = Array(bytes)
    }
}
