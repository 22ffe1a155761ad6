import SwiftASN1

/// The string syntax RFC 5280 Appendix A.1 gives each naming attribute, and what an encoded value
/// breaks of it. Used by CERT-020 for the subject, the issuer and directoryName general names.
struct AttributeStringSyntax: Sendable {
    /// What the ASN.1 module allows for one attribute type.
    enum Allowed: Sendable {
        /// DirectoryString: TeletexString, PrintableString, UniversalString, UTF8String or BMPString.
        case directoryString
        case printableString
        case ia5String
    }

    /// One way a value breaks its attribute's syntax.
    struct Problem: Sendable {
        enum Severity: Sendable {
            /// A syntax constraint of the ASN.1 module (shall).
            case syntax
            /// An upper bound of RFC 5280 Appendix A that X.520 has since dropped (should).
            case upperBound
            /// A DirectoryString choice other than PrintableString or UTF8String: RFC 5280 §4.1.2.4
            /// allows it for names established earlier, which the certificate cannot show.
            case legacyChoice
        }

        var severity: Severity
        var message: String
    }

    let name: String
    let allowed: Allowed
    /// Size constraint in characters (RFC 5280 Appendix A.1 `ub-*`), if any.
    let upperBound: Int?
    /// Exact size in characters (countryName), if any.
    let exactSize: Int?

    static let byType: [ASN1ObjectIdentifier: AttributeStringSyntax] = [
        [2, 5, 4, 3]: .init(name: "commonName", allowed: .directoryString, upperBound: 64, exactSize: nil),
        [2, 5, 4, 4]: .init(name: "surname", allowed: .directoryString, upperBound: 32768, exactSize: nil),
        [2, 5, 4, 5]: .init(name: "serialNumber", allowed: .printableString, upperBound: 64, exactSize: nil),
        [2, 5, 4, 6]: .init(name: "countryName", allowed: .printableString, upperBound: nil, exactSize: 2),
        [2, 5, 4, 7]: .init(name: "localityName", allowed: .directoryString, upperBound: 128, exactSize: nil),
        [2, 5, 4, 8]: .init(name: "stateOrProvinceName", allowed: .directoryString, upperBound: 128, exactSize: nil),
        [2, 5, 4, 10]: .init(name: "organizationName", allowed: .directoryString, upperBound: 64, exactSize: nil),
        [2, 5, 4, 11]: .init(name: "organizationalUnitName", allowed: .directoryString, upperBound: 64, exactSize: nil),
        [2, 5, 4, 12]: .init(name: "title", allowed: .directoryString, upperBound: 64, exactSize: nil),
        [2, 5, 4, 41]: .init(name: "name", allowed: .directoryString, upperBound: 32768, exactSize: nil),
        [2, 5, 4, 42]: .init(name: "givenName", allowed: .directoryString, upperBound: 32768, exactSize: nil),
        [2, 5, 4, 43]: .init(name: "initials", allowed: .directoryString, upperBound: 32768, exactSize: nil),
        [2, 5, 4, 44]: .init(name: "generationQualifier", allowed: .directoryString, upperBound: 32768, exactSize: nil),
        [2, 5, 4, 46]: .init(name: "dnQualifier", allowed: .printableString, upperBound: nil, exactSize: nil),
        [2, 5, 4, 65]: .init(name: "pseudonym", allowed: .directoryString, upperBound: 128, exactSize: nil),
        [2, 5, 4, 97]: .init(
            name: "organizationIdentifier", allowed: .directoryString, upperBound: nil, exactSize: nil),
        [1, 2, 840, 113_549, 1, 9, 1]: .init(
            name: "emailAddress", allowed: .ia5String, upperBound: 255, exactSize: nil),
        [0, 9, 2342, 19_200_300, 100, 1, 25]: .init(
            name: "domainComponent", allowed: .ia5String, upperBound: nil, exactSize: nil),
    ]

    /// The problems of one encoded value, most serious first; empty when it meets the syntax.
    func problems(tag: ASN1Identifier, value: ArraySlice<UInt8>) -> [Problem] {
        guard tag.tagClass == .universal, let kind = StringKind(tagNumber: tag.tagNumber) else {
            return [Problem(severity: .syntax, message: "\(name) is encoded as \(tag), not \(allowedText)")]
        }
        switch allowed {
        case .printableString where kind != .printable, .ia5String where kind != .ia5:
            return [
                Problem(
                    severity: .syntax,
                    message: "\(name) is a \(kind.name); RFC 5280 Appendix A.1 requires \(allowedText)")
            ]
        case .directoryString where !kind.isDirectoryStringChoice:
            return [
                Problem(severity: .syntax, message: "\(name) is a \(kind.name), which is not a DirectoryString choice")
            ]
        default: break
        }
        guard let characters = kind.characterCount(value) else {
            return [
                Problem(
                    severity: .syntax, message: "\(name): the \(kind.name) holds characters its type does not allow")
            ]
        }
        if characters == 0 {
            return [
                Problem(severity: .syntax, message: "\(name) is empty (the syntax requires at least one character)")
            ]
        }
        if let exactSize, characters != exactSize {
            return [
                Problem(
                    severity: .syntax,
                    message: "\(name) has \(characters) characters; the syntax requires exactly \(exactSize)")
            ]
        }
        var problems: [Problem] = []
        if let upperBound, characters > upperBound {
            problems.append(
                Problem(
                    severity: .upperBound,
                    message: "\(name) has \(characters) characters, above ub \(upperBound) of RFC 5280 Appendix A.1"))
        }
        if allowed == .directoryString, kind != .printable, kind != .utf8 {
            problems.append(
                Problem(
                    severity: .legacyChoice,
                    message:
                        "\(name) is a \(kind.name): RFC 5280 4.1.2.4 asks for PrintableString or UTF8String except for names established before"
                ))
        }
        return problems
    }

    private var allowedText: String {
        switch allowed {
        case .directoryString: "a DirectoryString"
        case .printableString: "a PrintableString"
        case .ia5String: "an IA5String"
        }
    }
}

/// The character-string types a name attribute may meet.
enum StringKind: Sendable {
    case printable, ia5, utf8, bmp, universal, teletex, visible, numeric

    init?(tagNumber: UInt) {
        switch tagNumber {
        case 19: self = .printable
        case 22: self = .ia5
        case 12: self = .utf8
        case 30: self = .bmp
        case 28: self = .universal
        case 20: self = .teletex
        case 26: self = .visible
        case 18: self = .numeric
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .printable: "PrintableString"
        case .ia5: "IA5String"
        case .utf8: "UTF8String"
        case .bmp: "BMPString"
        case .universal: "UniversalString"
        case .teletex: "TeletexString"
        case .visible: "VisibleString"
        case .numeric: "NumericString"
        }
    }

    var isDirectoryStringChoice: Bool {
        switch self {
        case .printable, .utf8, .bmp, .universal, .teletex: true
        case .ia5, .visible, .numeric: false
        }
    }

    /// The number of characters, or nil when a byte or code unit is outside the type's repertoire.
    func characterCount(_ value: ArraySlice<UInt8>) -> Int? {
        switch self {
        case .printable:
            return value.allSatisfy(Self.isPrintableStringByte) ? value.count : nil
        case .ia5:
            return value.allSatisfy { $0 < 0x80 } ? value.count : nil
        case .visible:
            return value.allSatisfy { (0x20...0x7E).contains($0) } ? value.count : nil
        case .numeric:
            return value.allSatisfy { $0 == 0x20 || (0x30...0x39).contains($0) } ? value.count : nil
        case .utf8:
            // ASCII, nearly every name: one scalar per byte.
            if value.allSatisfy({ $0 < 0x80 }) { return value.count }
            var count = 0
            return Self.forEachUTF8Scalar(value) { _ in count += 1 } ? count : nil
        case .bmp:
            return value.count % 2 == 0 ? value.count / 2 : nil
        case .universal:
            return value.count % 4 == 0 ? value.count / 4 : nil
        case .teletex:
            return value.count
        }
    }

    /// Calls `body` with each scalar of the UTF-8 `value`; false when it is not well-formed UTF-8.
    static func forEachUTF8Scalar(_ value: ArraySlice<UInt8>, _ body: (Unicode.Scalar) -> Void) -> Bool {
        var decoder = UTF8()
        var iterator = value.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): body(scalar)
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// X.680 §41.4: A–Z, a–z, 0–9, space and ' ( ) + , - . / : = ?
    static func isPrintableStringByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x20, 0x27, 0x28, 0x29, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3D,
            0x3F:
            true
        default: false
        }
    }
}
