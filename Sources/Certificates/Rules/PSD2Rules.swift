import AuditCore
import SwiftASN1

/// ETSI TS 119 495 (PSD2 QWACs and QSealCs): CERT-150 … CERT-157.
enum PSD2Rules {
    static let all: [Rule<InspectedCertificate>] = [
        statementPresent, roles, ncaIdentifier, psdOrganizationIdentifier,
        psd2PolicyNeedsStatement, ncaMatchesIdentifier,
    ]

    /// `PSD` + country + `-` + NCA id (2–8 A–Z) + `-` + PSP id, split into (country, NCA id).
    static func psdIdentifierParts(_ value: String) -> (country: String, nca: String)? {
        guard value.hasPrefix("PSD"), value.count > 6 else { return nil }
        let rest = value.dropFirst(3)
        let country = String(rest.prefix(2))
        let parts = rest.dropFirst(2).split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, (2...8).contains(parts[1].count),
            parts[1].allSatisfy({ $0.isASCII && $0.isUppercase }), !parts[2].isEmpty
        else { return nil }
        return (country, String(parts[1]))
    }

    /// The PSD2 qcStatement is present.
    static let statementPresent = CertificateRules.profiled("CERT-150") { view, _ in
        view.statements?.psd2 != nil
            ? []
            : [
                .fail(
                    observed: "absent", expected: "PSD2 statement 0.4.0.19495.2", location: "qcStatements",
                    message: "a PSD2 certificate must carry the PSD2 qcStatement (roles, NCA name and id)")
            ]
    }

    /// At least one role; each a defined role OID with its name.
    static let roles = CertificateRules.profiled("CERT-151") { view, context in
        let known =
            context.standard("ETSI TS 119 495", isAtLeast: "V1.8.1") ? PSD2QcType.roleNames : PSD2QcType.roleNamesV1_7
        guard let psd2 = view.statements?.psd2 else { return [.notChecked(because: "no PSD2 statement (CERT-150)")] }
        guard !psd2.roles.isEmpty else {
            return [
                .fail(observed: "no roles", location: "PSD2QcType.rolesOfPSP", message: "rolesOfPSP must not be empty")
            ]
        }
        return psd2.roles.enumerated().compactMap { i, role in
            let location = "PSD2QcType.rolesOfPSP[\(i)]"
            guard let oid = role.oid, let name = known[oid] else {
                return .fail(
                    observed: role.oid.map { "\($0)" } ?? "no OID", location: location,
                    message: "role OID is not a TS 119 495 role")
            }
            return role.name == name
                ? nil
                : .fail(
                    observed: "\(oid) named \(role.name ?? "nothing")", expected: name, location: location,
                    message: "role name \(role.name ?? "") does not match role OID \(oid) (\(name))")
        }
    }

    /// NCAName present and in the Latin alphabet (GEN-5.2.3-1; accented Latin letters are Latin: not an ASCII test),
    /// NCAId = country (or EU) + `-` + 2–8 A–Z.
    static let ncaIdentifier = CertificateRules.profiled("CERT-152") { view, _ in
        guard let psd2 = view.statements?.psd2 else { return [.notChecked(because: "no PSD2 statement (CERT-150)")] }
        var findings: [Finding] = []
        let name = psd2.ncaName ?? ""
        if name.isEmpty {
            findings.append(
                .fail(observed: "empty", location: "PSD2QcType.nCAName", message: "NCAName must name the authority"))
        } else if let letter = name.unicodeScalars.first(where: { $0.properties.isAlphabetic && !isLatin($0) }) {
            let code = String(letter.value, radix: 16, uppercase: true)
            findings.append(
                .fail(
                    observed: name, expected: "a name in the Latin alphabet", location: "PSD2QcType.nCAName",
                    message:
                        "NCAName must be plain text in the Latin alphabet; '\(letter)' (U+\(code)) is not a Latin letter"
                ))
        }
        let id = psd2.ncaID ?? ""
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && (ISOCodes.countries.contains(String(parts[0])) || parts[0] == "EU")
            && (2...8).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && $0.isUppercase }
        if !valid {
            findings.append(
                .fail(
                    observed: id, expected: "CC-NCA (e.g. BE-NBB)", location: "PSD2QcType.nCAId",
                    message: "NCAId must be a country code, '-', and the NCA identifier (2–8 capital letters)"))
        }
        return findings
    }

    /// organizationIdentifier in the PSD scheme.
    static let psdOrganizationIdentifier = CertificateRules.profiled("CERT-153") { view, _ in
        let value = view.subject.value(DistinguishedName.AttributeType.organizationIdentifier)
        guard let value, psdIdentifierParts(value) != nil else {
            return [
                .fail(
                    observed: value ?? "absent", expected: "PSD + CC + '-' + NCA + '-' + PSP id",
                    location: "subject.organizationIdentifier",
                    message:
                        "a PSD2 certificate's organizationIdentifier must use the PSD scheme with the NCA identifier")
            ]
        }
        return [.pass(observed: value)]
    }

    /// QCP-w-psd2 only on a certificate with the PSD2 statement.
    static let psd2PolicyNeedsStatement = CertificateRules.profiled("CERT-156") { view, _ in
        guard view.extensions.policies.contains(PolicyIdentifiers.qcpWPSD2) else {
            return [.notApplicable(because: "no QCP-w-psd2 policy")]
        }
        return view.statements?.psd2 != nil
            ? []
            : [
                .fail(
                    observed: "QCP-w-psd2 without PSD2 statement", location: "certificatePolicies",
                    message: "the QCP-w-psd2 policy may only be used in PSD2 certificates")
            ]
    }

    /// The NCA in organizationIdentifier equals NCAId.
    static let ncaMatchesIdentifier = CertificateRules.profiled("CERT-157") { view, _ in
        guard let id = view.statements?.psd2?.ncaID, id.split(separator: "-").count == 2,
            let value = view.subject.value(DistinguishedName.AttributeType.organizationIdentifier),
            let parts = psdIdentifierParts(value)
        else {
            return [
                .notApplicable(
                    because: "no well-formed NCAId or PSD-scheme organizationIdentifier to compare (CERT-152/-153)")
            ]
        }
        let fromIdentifier = "\(parts.country)-\(parts.nca)"
        return fromIdentifier == id
            ? []
            : [
                .fail(
                    observed: "organizationIdentifier \(value), NCAId \(id)", expected: fromIdentifier,
                    location: "PSD2QcType.nCAId",
                    message: "the NCA in organizationIdentifier (\(fromIdentifier)) differs from NCAId (\(id))")
            ]
    }

    /// Letters of the Latin script: Basic Latin, Latin-1, Latin Extended-A/B, IPA, Latin Extended
    /// Additional/C/D/E and the full-width forms; combining marks are not letters and pass.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        let ranges: [ClosedRange<UInt32>] = [
            0x41...0x5A, 0x61...0x7A, 0xAA...0xAA, 0xBA...0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2AF,
            0x1D00...0x1D7F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFF21...0xFF3A,
            0xFF41...0xFF5A,
        ]
        return ranges.contains { $0.contains(scalar.value) }
    }
}
