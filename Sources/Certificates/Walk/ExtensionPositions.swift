import DERWalk
import SwiftASN1

/// Where the extensions ``DecodedExtensions`` decodes sit in a walked certificate's list,
/// found in one pass that compares each extension's OID content octets in the item's bytes.
/// `TBSCertificate.extension(_:)` compares `ASN1ObjectIdentifier` values and, asked for ten
/// extensions, made about a hundred comparisons per certificate.
struct ExtensionPositions {
    /// The extensions looked up.
    enum Decoded: Int, CaseIterable {
        case basicConstraints, keyUsage, extendedKeyUsage, certificatePolicies, subjectAltName
        case authorityInformationAccess, crlDistributionPoints, authorityKeyIdentifier, subjectKeyIdentifier
        case qcStatements

        var oid: ASN1ObjectIdentifier {
            let ids = ASN1ObjectIdentifier.CertificateExtension.self
            return switch self {
            case .basicConstraints: ids.basicConstraints
            case .keyUsage: ids.keyUsage
            case .extendedKeyUsage: ids.extendedKeyUsage
            case .certificatePolicies: ids.certificatePolicies
            case .subjectAltName: ids.subjectAltName
            case .authorityInformationAccess: ids.authorityInformationAccess
            case .crlDistributionPoints: ids.crlDistributionPoints
            case .authorityKeyIdentifier: ids.authorityKeyIdentifier
            case .subjectKeyIdentifier: ids.subjectKeyIdentifier
            case .qcStatements: ids.qcStatements
            }
        }
    }

    /// The content octets of each ``Decoded`` identifier, at its raw value.
    private static let keys: [ObjectIdentifierTable.Key] = Decoded.allCases.map { decoded in
        ObjectIdentifierTable.Key(KnownObjectIdentifiers.contentOctets(decoded.oid.oidComponents)[...])!
    }

    /// The first position in the list of each ``Decoded`` extension, at its raw value.
    private var positions: [Int?]

    /// Nil when an extension's OID cannot be found in `reader` (the list was not walked).
    init?(_ extensions: [CertificateExtension], _ reader: TLVReader) {
        positions = Array(repeating: nil, count: Self.keys.count)
        for position in extensions.indices {
            let encoded = extensions[position].encoded.indices
            guard encoded.upperBound <= reader.bytes.count,
                let sequence = reader.element(at: encoded.lowerBound, limit: encoded.upperBound),
                let oid = reader.element(at: sequence.contentStart, limit: sequence.end), oid.tag == 0x06
            else { return nil }
            guard let key = ObjectIdentifierTable.Key(reader.bytes[oid.content]),
                let known = Self.keys.firstIndex(of: key), positions[known] == nil
            else { continue }
            positions[known] = position
        }
    }

    /// The position of the first `decoded` extension in the list.
    subscript(decoded: Decoded) -> Int? { positions[decoded.rawValue] }
}
