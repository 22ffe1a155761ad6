import AuditCore
import Foundation
import SwiftASN1

/// RFC 5280 §4.2 extension rules every profile builds on (CERT-009 … CERT-019, CERT-230).
enum RFC5280ExtensionRules {
    static let all: [Rule<InspectedCertificate>] = [
        authorityKeyIdentifier, subjectKeyIdentifier, caKeyUsage, basicConstraints, keyCertSignOnlyInCA,
        unrecognisedCritical, validAtEvaluationTime, precertificatePoison,
    ]

    /// A precertificate's poison extension is critical with a NULL value (the certificate is otherwise checked like the
    /// final one); read from a CT log, the poison is where the entry type says: in a precert_entry's pre-certificate,
    /// never in an x509_entry's certificate.
    static let precertificatePoison = CertificateRules.profiled("CERT-108") { view, _ in
        let certificate = view.certificate
        guard let poison = certificate.tbs.extension(.CertificateExtension.ctPoison) else {
            if view.logEntryType == "precert_entry" {
                return [
                    .fail(
                        observed: "no poison extension", expected: "critical poison (precert_entry)",
                        location: "extensions",
                        message: "the pre-certificate of a precert_entry must carry the CT poison extension")
                ]
            }
            return [.notApplicable(because: "not a precertificate")]
        }
        if view.logEntryType == "x509_entry" {
            return [
                .fail(
                    observed: "poison extension in an x509_entry", location: "extensions 1.3.6.1.4.1.11129.2.4.3",
                    message:
                        "a certificate logged as x509_entry is a final certificate and must not carry the CT poison")
            ]
        }
        var findings: [Finding] = []
        if !poison.critical {
            findings.append(
                .fail(
                    observed: "poison not critical", location: "extensions 1.3.6.1.4.1.11129.2.4.3",
                    message: "the CT poison extension must be critical"))
        }
        if !poison.value.elementsEqual([0x05, 0x00]) {
            findings.append(
                .fail(
                    observed: "poison value \(hexString(poison.value))", expected: "NULL (05 00)",
                    location: "extensions 1.3.6.1.4.1.11129.2.4.3",
                    message: "the CT poison extension value must be ASN.1 NULL"))
        }
        return findings.isEmpty ? [.pass(observed: "precertificate: poison critical, NULL")] : findings
    }

    /// AKI keyIdentifier except in self-issued certificates.
    static let authorityKeyIdentifier = CertificateRules.profiled("CERT-009") { view, context in
        if view.certificate.isSelfIssued {
            let isCA = view.extensions.isCA || context.subjectKind == "ca"
            guard !isCA, view.extensions.authorityKeyIdentifier == nil, withoutExtensions(view) == nil else {
                return [.notApplicable(because: "self-issued certificate")]
            }
            // RFC 5280 exempts a CA's self-signed certificate; a self-signed end entity (a TL signer
            // signing its own certificate, TS 119 612 5.7.1) is not named, yet nothing can be built
            // from an identifier that points at the certificate itself.
            var finding = Finding.fail(
                observed: "absent in a self-issued end-entity certificate", expected: "authorityKeyIdentifier",
                location: "extensions",
                message: "RFC 5280 4.2.1.1 exempts only a CA's self-signed certificate from authorityKeyIdentifier; "
                    + "for a self-signed end entity it serves no path building (observation)")
            finding.gradeCap = .observation
            return [finding]
        }
        if let reason = withoutExtensions(view) { return [.notApplicable(because: reason)] }
        switch view.extensions.authorityKeyIdentifier {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "authorityKeyIdentifier with keyIdentifier",
                    location: "extensions", message: "authorityKeyIdentifier is missing")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let aki)? where aki.keyIdentifier == nil:
            return [
                .fail(
                    observed: "no keyIdentifier", location: "authorityKeyIdentifier",
                    message: "authorityKeyIdentifier has no keyIdentifier field")
            ]
        case .success(let aki)?:
            // With a supplied issuer, the identifier must be the issuer's subjectKeyIdentifier.
            guard
                let issuer = view.issuers?.candidates(for: view.certificate, authorityKeyIdentifier: aki.keyIdentifier)
                    .first,
                let ski = (try? issuer.extensions.subjectKeyIdentifier?.get())?.keyIdentifier
            else { return [] }
            return ski == aki.keyIdentifier!
                ? [.pass(observed: "matches the issuer's subjectKeyIdentifier")]
                : [
                    .fail(
                        observed:
                            "authorityKeyIdentifier \(hexString(aki.keyIdentifier!)), issuer SKI \(hexString(ski))",
                        location: "authorityKeyIdentifier",
                        message: "authorityKeyIdentifier does not match the supplied issuer's subjectKeyIdentifier")
                ]
        }
    }

    /// SKI in CA certificates (shall), in end entities (should).
    static let subjectKeyIdentifier = CertificateRules.profiled("CERT-010") { view, context in
        switch view.extensions.subjectKeyIdentifier {
        case .failure(let error)?: return [.malformed(error)]
        case .success?: return []
        case nil:
            if let reason = withoutExtensions(view) { return [.notApplicable(because: reason)] }
            if (view.extensions.ekus ?? []).contains(ExtendedKeyUsage.serverAuth) && !view.extensions.isCA {
                return [
                    .notApplicable(
                        because: "TLS subscriber certificate: CA/B BR 7.1.2.7.6 does not recommend subjectKeyIdentifier"
                    )
                ]
            }
            if view.extensions.isCA || context.subjectKind == "ca" {
                return [
                    .fail(
                        observed: "absent", location: "extensions",
                        message: "a CA certificate must carry subjectKeyIdentifier")
                ]
            }
            return [
                .shouldFail(
                    observed: "absent", location: "extensions",
                    message: "end-entity certificates should carry subjectKeyIdentifier")
            ]
        }
    }

    /// A CA certificate has keyUsage with keyCertSign.
    static let caKeyUsage = CertificateRules.profiled("CERT-011") { view, context in
        guard context.subjectKind == "ca" || view.extensions.isCA else {
            return [.notApplicable(because: "not a CA certificate")]
        }
        switch view.extensions.keyUsage {
        case nil:
            return [
                .fail(
                    observed: "keyUsage absent", expected: "keyCertSign", location: "extensions",
                    message: "a CA certificate must have keyUsage")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let usage)?:
            return usage.contains(.keyCertSign)
                ? []
                : [
                    .fail(
                        observed: "\(usage)", expected: "keyCertSign", location: "keyUsage",
                        message: "a CA certificate's keyUsage must include keyCertSign")
                ]
        }
    }

    /// CA: basicConstraints with cA TRUE; end entity: absent or cA FALSE. (Criticality of the CA's extension is
    /// CERT-210.)
    static let basicConstraints = CertificateRules.profiled("CERT-012") { view, context in
        let isCAProfile =
            context.subjectKind == "ca"
            || (context.subjectKind == nil && view.extensions.usage?.contains(.keyCertSign) == true)
        switch view.extensions.basicConstraints {
        case .failure(let error)?: return [.malformed(error)]
        case nil:
            return isCAProfile
                ? [
                    .fail(
                        observed: "absent", expected: "cA TRUE", location: "extensions",
                        message: "a CA certificate must have basicConstraints with cA TRUE")
                ] : []
        case .success(let bc)?:
            if isCAProfile && !bc.isCA {
                return [
                    .fail(
                        observed: "cA FALSE", expected: "cA TRUE", location: "basicConstraints",
                        message: "a CA certificate must assert cA TRUE")
                ]
            }
            if !isCAProfile && bc.isCA && context.subjectKind != nil {
                return [
                    .fail(
                        observed: "cA TRUE", expected: "absent or cA FALSE", location: "basicConstraints",
                        message: "an end-entity certificate must not assert cA TRUE")
                ]
            }
            return []
        }
    }

    /// keyCertSign only with cA TRUE; pathLenConstraint only with cA TRUE and keyCertSign.
    static let keyCertSignOnlyInCA = CertificateRules.profiled("CERT-013") { view, context in
        if context.subjectKind == "ca" {
            return [.notApplicable(because: "CA profile: basicConstraints and keyCertSign are CERT-011/012/210/211's")]
        }
        let bc = try? view.extensions.basicConstraints?.get()
        let usage = view.extensions.usage
        var findings: [Finding] = []
        if usage?.contains(.keyCertSign) == true && bc?.isCA != true {
            findings.append(
                .fail(
                    observed: "keyCertSign without cA TRUE", location: "keyUsage",
                    message: "keyCertSign is set but basicConstraints does not assert cA TRUE"))
        }
        if let bc, bc.pathLength != nil, !(bc.isCA && usage?.contains(.keyCertSign) == true) {
            findings.append(
                .fail(
                    observed: "pathLenConstraint \(bc.pathLength!)", location: "basicConstraints",
                    message: "pathLenConstraint requires cA TRUE and keyCertSign"))
        }
        return findings
    }

    /// No critical extension the relying party cannot process.
    static let unrecognisedCritical = CertificateRules.decoded("CERT-019") { certificate in
        certificate.tbs.extensions.enumerated().compactMap { i, ext in
            guard ext.critical, !ASN1ObjectIdentifier.CertificateExtension.recognised.contains(ext.oid) else {
                return nil
            }
            return .fail(
                observed: "\(ext.oid) critical", location: "tbsCertificate.extensions[\(i)]",
                message: "critical extension \(ext.oid) is not one a relying party is required to recognise")
        }
    }

    /// Valid at the evaluation time (evidence for the auditor).
    static let validAtEvaluationTime = CertificateRules.profiled("CERT-230") { view, context in
        let notBefore = view.tbs.notBefore
        let notAfter = view.tbs.notAfter
        guard let start = notBefore.secondsSince1970, let end = notAfter.secondsSince1970 else {
            return [.notChecked(because: "a validity date cannot be read (see CERT-005)")]
        }
        let at = Int64(context.validationTime.timeIntervalSince1970.rounded(.down))
        let when = CertificateTime.iso8601(secondsSince1970: at)
        let observed = "valid \(notBefore.text) – \(notAfter.text); evaluated at \(when)"
        if at < start {
            return [
                .fail(
                    observed: observed, location: "tbsCertificate.validity",
                    message: "the certificate is not yet valid at the evaluation time")
            ]
        }
        if at > end {
            return [
                .fail(
                    observed: observed, location: "tbsCertificate.validity",
                    message: "the certificate has expired at the evaluation time")
            ]
        }
        return [.pass(observed: observed)]
    }
}

extension RFC5280ExtensionRules {
    /// Why extension requirements do not apply to a v1 or v2 certificate (which cannot carry
    /// extensions: CERT-001 reports the version), or nil for a v3 certificate.
    static func withoutExtensions(_ view: CertificateView) -> String? {
        guard view.tbs.version != 2 else { return nil }
        // Named without arithmetic: the version value is the artefact's and may be Int.max.
        let version =
            switch view.tbs.version {
            case nil, 0?: "v1"
            case 1?: "v2"
            case let value?: "version value \(value)"
            }
        return "a \(version) certificate has no extensions (CERT-001 reports the version)"
    }
}
