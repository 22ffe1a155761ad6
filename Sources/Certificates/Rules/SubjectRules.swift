import AuditCore
import Foundation
import SwiftASN1

/// Subject attributes of natural persons (EN 319 412-2 §4.2.4) and legal persons (EN 319 412-3
/// §4.2.1): CERT-053 … -055, CERT-080 … -083.
enum SubjectRules {
    static let all: [Rule<InspectedCertificate>] = [
        websiteOrganizationIdentifier, naturalAttributes, naturalSingleInstances, pseudonymAlone,
        legalAttributes, legalSingleInstances, identifierNotName, issuerIdentity,
    ]

    /// The issuer's identifying attributes are present, each once.
    static let issuerIdentity = CertificateRules.profiled("CERT-051") { view, _ in
        let issuer = view.tbs.issuer
        let natural = issuer.namesNaturalPerson
        var missing: [String] = []
        var required: [(ASN1ObjectIdentifier, String)] = [
            (Names.countryName, "countryName"), (Names.commonName, "commonName"),
        ]
        if natural {
            if issuer.count(Names.givenName) + issuer.count(Names.surname) + issuer.count(Names.pseudonym) == 0 {
                missing.append("givenName/surname or pseudonym")
            }
            required.append((Names.serialNumber, "serialNumber"))
        } else {
            required.insert((Names.organizationName, "organizationName"), at: 1)
        }
        missing = required.filter { issuer.count($0.0) == 0 }.map(\.1) + missing
        let repeated = required.filter { issuer.count($0.0) > 1 }.map(\.1)
        let kind = natural ? "natural-person" : "legal-person"
        var findings: [Finding] = []
        if !missing.isEmpty {
            findings.append(
                .fail(
                    observed: "issuer lacks " + missing.joined(separator: ", "), location: "issuer",
                    message: "the \(kind) issuer's name must include " + required.map(\.1).joined(separator: ", ")))
        }
        if !repeated.isEmpty {
            findings.append(
                .fail(
                    observed: "issuer repeats " + repeated.joined(separator: ", "), location: "issuer",
                    message: "each identifying attribute of the issuer appears only once"))
        }
        return findings.isEmpty
            ? [.pass(observed: "\(kind) issuer: " + required.map(\.1).joined(separator: ", "))] : findings
    }

    typealias Names = DistinguishedName.AttributeType

    static func count(_ view: CertificateView, _ type: ASN1ObjectIdentifier) -> Int {
        view.subject.count(type)
    }

    /// EN 319 422 §6.1 applies EN 319 412-3 to the TSU of a legal-person TSA and EN 319 412-2 to
    /// that of a natural person: the legal-person subject rules do not reach a subject that names a
    /// natural person.
    static func naturalPersonTSA(_ view: CertificateView, _ context: EvaluationContext) -> String? {
        guard context.subjectKind == "tsu", view.subject.namesNaturalPerson else { return nil }
        return
            "the subject names a natural person: EN 319 422 6.1 applies EN 319 412-2, not EN 319 412-3, to this TSU certificate"
    }

    /// countryName, givenName and/or surname or pseudonym, commonName.
    static let naturalAttributes = CertificateRules.profiled("CERT-053") { view, _ in
        var missing: [String] = []
        if count(view, Names.countryName) == 0 { missing.append("countryName") }
        if count(view, Names.commonName) == 0 { missing.append("commonName") }
        if count(view, Names.givenName) + count(view, Names.surname) + count(view, Names.pseudonym) == 0 {
            missing.append("givenName/surname or pseudonym")
        }
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: "missing " + missing.joined(separator: ", "), location: "subject",
                    message:
                        "a natural-person subject must contain countryName, commonName and givenName/surname or pseudonym"
                )
            ]
    }

    static func single(_ view: CertificateView, _ types: [(ASN1ObjectIdentifier, String)]) -> [Finding] {
        let repeated = types.filter { count(view, $0.0) > 1 }.map(\.1)
        return repeated.isEmpty
            ? []
            : [
                .fail(
                    observed: "repeated: " + repeated.joined(separator: ", "), location: "subject",
                    message:
                        "each of these subject attributes may appear only once: \(repeated.joined(separator: ", "))")
            ]
    }

    /// One instance each.
    static let naturalSingleInstances = CertificateRules.profiled("CERT-054") { view, _ in
        single(
            view,
            [
                (Names.countryName, "countryName"), (Names.givenName, "givenName"),
                (Names.surname, "surname"), (Names.pseudonym, "pseudonym"), (Names.commonName, "commonName"),
            ])
    }

    /// No pseudonym beside givenName or surname.
    static let pseudonymAlone = CertificateRules.profiled("CERT-055") { view, _ in
        guard count(view, Names.pseudonym) > 0, count(view, Names.givenName) + count(view, Names.surname) > 0 else {
            return []
        }
        return [
            .fail(
                observed: "pseudonym with givenName/surname", location: "subject",
                message: "a pseudonym must not be combined with givenName or surname")
        ]
    }

    /// countryName, organizationName, organizationIdentifier, commonName.
    static let legalAttributes = CertificateRules.profiled("CERT-080") { view, context in
        if let reason = naturalPersonTSA(view, context) { return [.notApplicable(because: reason)] }
        let required: [(ASN1ObjectIdentifier, String)] = [
            (Names.countryName, "countryName"), (Names.organizationName, "organizationName"),
            (Names.organizationIdentifier, "organizationIdentifier"), (Names.commonName, "commonName"),
        ]
        let missing = required.filter { count(view, $0.0) == 0 }.map(\.1)
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: "missing " + missing.joined(separator: ", "), location: "subject",
                    message:
                        "a legal-person subject must contain countryName, organizationName, organizationIdentifier and commonName"
                )
            ]
    }

    /// One instance each.
    static let legalSingleInstances = CertificateRules.profiled("CERT-081") { view, context in
        if let reason = naturalPersonTSA(view, context) { return [.notApplicable(because: reason)] }
        return single(
            view,
            [
                (Names.countryName, "countryName"), (Names.organizationName, "organizationName"),
                (Names.organizationIdentifier, "organizationIdentifier"), (Names.commonName, "commonName"),
            ])
    }

    /// organizationIdentifier differs from organizationName (compared without case and surrounding spaces: a name
    /// written in capitals is still the name).
    static let identifierNotName = CertificateRules.profiled("CERT-083") { view, _ in
        guard let identifier = view.subject.value(Names.organizationIdentifier),
            view.subject.values(Names.organizationName).contains(where: { LooseTextMatch.equal($0, identifier) })
        else { return [] }
        return [
            .fail(
                observed: identifier, location: "subject.organizationIdentifier",
                message: "organizationIdentifier repeats organizationName; it must be the registration identifier")
        ]
    }

    /// A legal-person website certificate names the organisation's registration: unconditionally under NCP / QNCP-w-gen
    /// (WEB-4.1.3-3 → EN 319 412-3 LEG-4.2.1-2); under QNCP-w and QEVCP-w only "if a registration number is known to
    /// exist" (WEB-4.1.4-6, WEB-4.1.2-4) and the other BR-based web policies (OVCP, IVCP, EVCP, DVCP), which the
    /// certificate shows only for EV subjects with a serialNumber: otherwise minor, for the auditor to confirm.
    static let websiteOrganizationIdentifier = CertificateRules.profiled("CERT-320") { view, _ in
        guard view.subject.value(Names.organizationName) != nil, !view.subject.namesNaturalPerson else {
            return [.notApplicable(because: "the subject names no organisation")]
        }
        guard view.subject.value(Names.organizationIdentifier) == nil else { return [] }
        let baselinePath = view.extensions.claimsBaselineRequirements
        var finding = Finding.fail(
            observed: "no organizationIdentifier", expected: "organizationIdentifier (e.g. VATBE-0123456789)",
            location: "subject",
            message: "a legal-person website certificate must carry the organisation's registration identifier")
        if baselinePath && view.subject.value(Names.serialNumber) == nil {
            finding.message =
                "no organizationIdentifier: required under QNCP-w/QEVCP-w if a registration number exists (auditor to confirm)"
            finding.gradeCap = .minor
        }
        return [finding]
    }
}
