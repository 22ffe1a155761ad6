import SwiftASN1

extension DistinguishedName {
    /// Attribute types the ETSI subject rules name (X.520, EN 319 412-1 §5.1.4, CA/B EVG).
    public enum AttributeType {
        public static let commonName: ASN1ObjectIdentifier = [2, 5, 4, 3]
        public static let surname: ASN1ObjectIdentifier = [2, 5, 4, 4]
        public static let serialNumber: ASN1ObjectIdentifier = [2, 5, 4, 5]
        public static let countryName: ASN1ObjectIdentifier = [2, 5, 4, 6]
        public static let localityName: ASN1ObjectIdentifier = [2, 5, 4, 7]
        public static let stateOrProvinceName: ASN1ObjectIdentifier = [2, 5, 4, 8]
        public static let organizationName: ASN1ObjectIdentifier = [2, 5, 4, 10]
        public static let organizationalUnitName: ASN1ObjectIdentifier = [2, 5, 4, 11]
        public static let businessCategory: ASN1ObjectIdentifier = [2, 5, 4, 15]
        public static let givenName: ASN1ObjectIdentifier = [2, 5, 4, 42]
        public static let pseudonym: ASN1ObjectIdentifier = [2, 5, 4, 65]
        public static let organizationIdentifier: ASN1ObjectIdentifier = [2, 5, 4, 97]
        public static let jurisdictionCountry: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3]
    }

    /// Every attribute in order, flattened over the RDNs.
    public var attributes: [Attribute] { rdns.flatMap { $0 } }

    // The lookups below walk the RDNs in place: rules ask for names dozens of times per item.

    /// The string values of every attribute of this type, in order.
    public func values(_ type: ASN1ObjectIdentifier) -> [String] {
        var values: [String] = []
        for rdn in rdns {
            for attribute in rdn where attribute.type == type {
                values.append(String(decoding: attribute.value, as: UTF8.self))
            }
        }
        return values
    }

    /// The first value of this type.
    public func value(_ type: ASN1ObjectIdentifier) -> String? {
        for rdn in rdns {
            for attribute in rdn where attribute.type == type {
                return String(decoding: attribute.value, as: UTF8.self)
            }
        }
        return nil
    }

    /// How many attributes of this type the name has.
    public func count(_ type: ASN1ObjectIdentifier) -> Int {
        var count = 0
        for i in rdns.indices {
            for j in rdns[i].indices where rdns[i][j].type == type { count += 1 }
        }
        return count
    }

    /// True when the subject names a natural person (givenName, surname or pseudonym).
    public var namesNaturalPerson: Bool {
        count(AttributeType.givenName) + count(AttributeType.surname) + count(AttributeType.pseudonym) > 0
    }
}
