import AuditCore
import SwiftASN1

/// EN 319 412-1 §5.1 semantics identifiers and the identifier syntaxes they announce
/// (CERT-030, -032, -033, -037, -039).
enum IdentifierRules {
    static let all: [Rule<InspectedCertificate>] = [
        naturalSerialNumber, legalIdentifier, legalIdentifierCountry,
        semanticsMatchSubject, psdIdentifier,
    ]

    typealias Names = DistinguishedName.AttributeType
    typealias Semantics = QCStatements.Semantics

    /// The parts of `TTTCC-rest` (3-letter type) or `xx:CC-rest` (local type).
    struct Identifier {
        var scheme: String
        var country: String
        var reference: String

        init?(_ value: String) {
            // Byte positions: the scheme and country are ASCII by definition, so a value with a
            // multi-byte character in the first six places does not follow the syntax either.
            let bytes = Array(value.utf8)
            guard bytes.count > 6, bytes[5] == 0x2D, bytes[..<5].allSatisfy({ $0 < 0x80 }) else { return nil }
            scheme = String(decoding: bytes[0..<3], as: UTF8.self)
            country = String(decoding: bytes[3..<5], as: UTF8.self)
            reference = String(decoding: bytes[6...], as: UTF8.self)
            guard bytes[3..<5].allSatisfy({ (0x41...0x5A).contains($0) }) else { return nil }
        }

        var isLocal: Bool { scheme.hasSuffix(":") }
    }

    /// With semanticsId-Natural, serialNumber is `PAS|IDC|PNO|TAX|TIN` + country + `-` + id, or a local `xx:` type.
    static let naturalSerialNumber = CertificateRules.profiled("CERT-030") { view, context in
        guard view.statements?.semanticsIdentifiers.contains(Semantics.natural) == true else {
            return [.notApplicable(because: "no semanticsId-Natural")]
        }
        if let kind = context.subjectKind, kind != "natural" {
            return [.notApplicable(because: "not a natural-person certificate (a wrong semantics id is CERT-037)")]
        }
        // EN 319 412-1 §5.1.3: the syntax binds "any present" serialNumber; its absence is no failure.
        guard let serial = view.subject.value(Names.serialNumber) else {
            return [
                .notApplicable(
                    because: "semanticsId-Natural is declared and the subject has no serialNumber for it to apply to")
            ]
        }
        guard let id = Identifier(serial), id.isLocal || ["PAS", "IDC", "PNO", "TAX", "TIN"].contains(id.scheme) else {
            return [
                .fail(
                    observed: serial, expected: "PAS|IDC|PNO|TAX|TIN + CC + '-' + id (e.g. PNOBE-850101123)",
                    location: "subject.serialNumber",
                    message: "serialNumber does not follow the natural-person identifier syntax")
            ]
        }
        guard ISOCodes.countries.contains(id.country) else {
            return [
                .fail(
                    observed: serial, location: "subject.serialNumber",
                    message: "\(id.country) is not an ISO 3166-1 country code")
            ]
        }
        return [.pass(observed: serial, location: "subject.serialNumber")]
    }

    /// With semanticsId-Legal, organizationIdentifier is `VAT|NTR|PSD|LEI` + country + `-` + id, or a local `xx:`
    /// scheme.
    static let legalIdentifier = CertificateRules.profiled("CERT-032") { view, _ in
        guard view.statements?.semanticsIdentifiers.contains(Semantics.legal) == true else {
            return [.notApplicable(because: "no semanticsId-Legal")]
        }
        guard let value = view.subject.value(Names.organizationIdentifier) else {
            return [.notApplicable(because: "no organizationIdentifier (its presence is CERT-080)")]
        }
        guard let id = Identifier(value), id.isLocal || ["VAT", "NTR", "PSD", "LEI"].contains(id.scheme) else {
            return [
                .fail(
                    observed: value, expected: "VAT|NTR|PSD|LEI + CC + '-' + id (e.g. VATBE-0123456789)",
                    location: "subject.organizationIdentifier",
                    message: "organizationIdentifier does not follow the legal-person identifier syntax")
            ]
        }
        return [.pass(observed: value, location: "subject.organizationIdentifier")]
    }

    /// The identifier's country is ISO 3166-1 (EL/XI for VAT, XG for LEI also accepted).
    static let legalIdentifierCountry = CertificateRules.profiled("CERT-033") { view, _ in
        guard let value = view.subject.value(Names.organizationIdentifier), let id = Identifier(value) else {
            return [.notApplicable(because: "no organizationIdentifier in scheme syntax")]
        }
        let accepted =
            ISOCodes.countries.contains(id.country) || (id.scheme == "VAT" && ["EL", "XI"].contains(id.country))
            || (id.scheme == "LEI" && id.country == "XG")
        return accepted
            ? [.pass(observed: value)]
            : [
                .fail(
                    observed: value, expected: "ISO 3166-1 alpha-2 country", location: "subject.organizationIdentifier",
                    message: "\(id.country) is not an ISO 3166-1 country code")
            ]
    }

    /// The semantics identifier matches the subject kind (shall: the identifier it announces would be read wrongly);
    /// one per kind (should).
    static let semanticsMatchSubject = CertificateRules.profiled("CERT-037") { view, context in
        let ids = view.statements?.semanticsIdentifiers ?? []
        guard !ids.isEmpty else { return [.notApplicable(because: "no semantics identifier")] }
        let naturalIDs: Set<ASN1ObjectIdentifier> = [Semantics.natural, Semantics.eidasNatural]
        let legalIDs: Set<ASN1ObjectIdentifier> = [Semantics.legal, Semantics.eidasLegal]
        let isNatural =
            context.subjectKind == "natural" || (context.subjectKind == nil && view.subject.namesNaturalPerson)
        let wrong = ids.filter { isNatural ? legalIDs.contains($0) : naturalIDs.contains($0) }
        if !wrong.isEmpty {
            // EN 319 412-1 §5.1 binds the syntax of the attribute a semantics identifier announces
            // (serialNumber, organizationIdentifier); a natural person's certificate may carry an
            // organisation's identifier. Another kind's identifier is reported for the auditor.
            var finding = Finding.fail(
                observed: wrong.map { "\($0)" }.joined(separator: ", "), location: "qcStatements.pkixQCSyntax-v2",
                message:
                    "the semantics identifier is for a \(isNatural ? "legal" : "natural") person but the subject is a \(isNatural ? "natural" : "legal") person"
            )
            if isNatural, view.subject.value(Names.organizationIdentifier) != nil {
                finding.message =
                    "semanticsId-Legal on a natural person's certificate that carries an organisation's organizationIdentifier: "
                    + "it describes that attribute, which EN 319 412-1 allows; check it is the organisation's"
                finding.gradeCap = .observation
            }
            return [finding]
        }
        if ids.filter(naturalIDs.contains).count > 1 || ids.filter(legalIDs.contains).count > 1 {
            return [
                .shouldFail(
                    observed: ids.map { "\($0)" }.joined(separator: ", "),
                    message: "more than one semantics identifier of the same kind")
            ]
        }
        return []
    }

    /// `PSD` + CC + `-` + NCA id (2–8 A–Z) + `-` + PSP id.
    static let psdIdentifier = CertificateRules.profiled("CERT-039") { view, _ in
        guard let value = view.subject.value(Names.organizationIdentifier), value.hasPrefix("PSD") else {
            return [.notApplicable(because: "no organizationIdentifier in the PSD scheme")]
        }
        guard PSD2Rules.psdIdentifierParts(value) != nil else {
            return [
                .fail(
                    observed: value, expected: "PSD + CC + '-' + NCA id (2–8 A–Z) + '-' + PSP id",
                    location: "subject.organizationIdentifier",
                    message: "PSD organizationIdentifier lacks the NCA identifier or the PSP identifier")
            ]
        }
        return [.pass(observed: value)]
    }
}
