import SwiftASN1

/// The object identifiers certificates carry most (name attributes, extensions, algorithms,
/// access methods, ETSI and CA/B Forum statements and policies), keyed by their content
/// octets: the walking decoder takes the shared value instead of building one per occurrence.
/// Identifiers outside the table are built from their arcs, which gives an equal value.
enum KnownObjectIdentifiers {
    static let byContent: ObjectIdentifierTable = {
        var table: [(content: [UInt8], oid: ASN1ObjectIdentifier)] = []
        func add(_ prefix: [UInt], _ last: ClosedRange<UInt>) {
            for arc in last {
                let arcs = prefix + [arc]
                guard let oid = try? ASN1ObjectIdentifier(elements: arcs) else { continue }
                table.append((contentOctets(arcs), oid))
            }
        }
        add([2, 5, 4], 0...100) // name attributes
        add([2, 5, 29], 0...80) // certificate extensions
        add([1, 3, 6, 1, 5, 5, 7, 1], 1...40) // PKIX private extensions
        add([1, 3, 6, 1, 5, 5, 7, 2], 1...2) // policy qualifiers
        add([1, 3, 6, 1, 5, 5, 7, 3], 1...40) // extended key usages
        add([1, 3, 6, 1, 5, 5, 7, 48], 1...12) // access methods
        add([1, 3, 6, 1, 5, 5, 7, 48, 1], 1...12) // OCSP
        add([1, 2, 840, 113_549, 1, 1], 1...16) // RSA
        add([1, 2, 840, 113_549, 1, 9], 1...20) // PKCS #9 attributes
        add([1, 2, 840, 10_045, 2], 1...1) // EC public key
        add([1, 2, 840, 10_045, 3, 1], 1...7) // prime curves
        add([1, 2, 840, 10_045, 4, 3], 1...4) // ECDSA with SHA-2
        add([1, 3, 132, 0], 0...40) // SEC curves
        add([1, 3, 36, 3, 3, 2, 8, 1, 1], 1...14) // Brainpool curves
        add([2, 16, 840, 1, 101, 3, 4, 2], 1...10) // SHA-2 and SHA-3
        add([2, 16, 840, 1, 101, 3, 4, 3], 1...16) // DSA/ECDSA with SHA-3
        add([1, 3, 101], 110...113) // X25519, X448, Ed25519, Ed448
        add([0, 4, 0, 1862, 1], 1...7) // EN 319 412-5 QCStatements
        add([0, 4, 0, 1862, 1, 6], 1...3) // QcType
        add([0, 4, 0, 19_495], 1...2) // TS 119 495 PSD2
        add([0, 4, 0, 19_495, 1], 1...4) // PSD2 roles
        add([0, 4, 0, 194_112, 1], 0...6) // EN 319 411-2 policies
        add([0, 4, 0, 2042, 1], 1...7) // EN 319 411-1 policies
        add([0, 4, 0, 194_121, 1], 1...3) // EN 319 412-1 semantics identifiers
        add([0, 4, 0, 2023, 1], 1...1) // EN 319 421 time-stamp policy
        add([2, 23, 140, 1], 1...1) // CA/B EV
        add([2, 23, 140, 1, 2], 1...3) // CA/B DV, OV, IV
        add([1, 3, 6, 1, 4, 1, 11_129, 2, 4], 2...5) // Certificate Transparency
        add([2, 5, 29, 32], 0...0) // anyPolicy
        add([2, 5, 29, 37], 0...0) // anyExtendedKeyUsage
        add([0, 9, 2342, 19_200_300, 100, 1], 1...25) // uid, domainComponent
        return ObjectIdentifierTable(table)
    }()

    /// The dotted text of every identifier in ``byContent``.
    static let dottedText: [ASN1ObjectIdentifier: String] = Dictionary(
        byContent.values.map { ($0, $0.description) }, uniquingKeysWith: { first, _ in first })

    /// The DER content octets of the identifier with these arcs.
    static func contentOctets(_ arcs: [UInt]) -> [UInt8] {
        var octets: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var groups: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                groups.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            octets += groups.reversed()
        }
        return octets
    }
}
