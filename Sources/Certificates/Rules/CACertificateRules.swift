import AuditCore

/// CA certificates (RFC 5280 §4.2.1, EN 319 412-2 GEN-4.2.3.1): CERT-210 … CERT-217.
enum CACertificateRules {
    static let all: [Rule<InspectedCertificate>] = [
        basicConstraintsCritical, keyUsage, keyIdentifiers, subject, nameConstraints, qcStatementsInCA, tlsSubordinate,
    ]

    /// basicConstraints present, critical, cA TRUE.
    static let basicConstraintsCritical = CertificateRules.profiled("CERT-210") { view, _ in
        let ext = view.tbs.extension(.CertificateExtension.basicConstraints)
        switch view.extensions.basicConstraints {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "critical basicConstraints cA TRUE", location: "extensions",
                    message: "a CA certificate must have a critical basicConstraints extension")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let bc)?:
            var findings: [Finding] = []
            if ext?.critical != true {
                findings.append(
                    .fail(
                        observed: "not critical", location: "basicConstraints",
                        message: "basicConstraints must be critical in a CA certificate"))
            }
            if !bc.isCA {
                findings.append(.fail(observed: "cA FALSE", location: "basicConstraints", message: "cA must be TRUE"))
            }
            return findings
        }
    }

    /// keyUsage present with keyCertSign; it should be critical.
    static let keyUsage = CertificateRules.profiled("CERT-211") { view, _ in
        let ext = view.tbs.extension(.CertificateExtension.keyUsage)
        switch view.extensions.keyUsage {
        case nil:
            return [.fail(observed: "absent", location: "extensions", message: "a CA certificate must have keyUsage")]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let usage)?:
            if !usage.contains(.keyCertSign) {
                return [
                    .fail(
                        observed: "\(usage)", expected: "keyCertSign", location: "keyUsage",
                        message: "a CA certificate's keyUsage must include keyCertSign")
                ]
            }
            if ext?.critical != true {
                return [
                    .shouldFail(
                        observed: "not critical", location: "keyUsage",
                        message: "keyUsage should be critical in a CA certificate")
                ]
            }
            return []
        }
    }

    /// SKI present; AKI present unless self-issued.
    static let keyIdentifiers = CertificateRules.profiled("CERT-212") { view, _ in
        var findings: [Finding] = []
        if view.extensions.subjectKeyIdentifier == nil {
            findings.append(
                .fail(
                    observed: "no subjectKeyIdentifier", location: "extensions",
                    message: "a CA certificate must carry subjectKeyIdentifier"))
        }
        if view.extensions.authorityKeyIdentifier == nil && !view.certificate.isSelfIssued {
            findings.append(
                .fail(
                    observed: "no authorityKeyIdentifier", location: "extensions",
                    message: "a subordinate CA certificate must carry authorityKeyIdentifier"))
        }
        return findings
    }

    /// EN 319 412-1 and EN 319 412-3 V1.1.1 (2016-02) introduced organizationIdentifier; no
    /// version before asked a CA subject for it.
    static let organizationIdentifierInForce = CivilDay.literal("2016-02-01")

    /// The CA subject has countryName, organizationName, organizationIdentifier and commonName; organizationIdentifier
    /// only for CA certificates issued from 2016-02 (its first EN 319 412 version).
    static let subject = CertificateRules.profiled("CERT-213") { view, _ in
        typealias Names = DistinguishedName.AttributeType
        let required = [
            (Names.countryName, "countryName"), (Names.organizationName, "organizationName"),
            (Names.organizationIdentifier, "organizationIdentifier"), (Names.commonName, "commonName"),
        ]
        var missing = required.filter { view.subject.value($0.0) == nil }.map(\.1)
        var note = ""
        if missing.contains("organizationIdentifier"), let issued = view.tbs.notBefore.secondsSince1970,
            issued < organizationIdentifierInForce
        {
            missing.removeAll { $0 == "organizationIdentifier" }
            note =
                "organizationIdentifier absent, not required: the requirement (EN 319 412-1/-3 V1.1.1, 2016-02) post-dates the certificate (notBefore \(view.tbs.notBefore.text))"
            if missing.isEmpty { return [.pass(observed: note)] }
        }
        if missing == ["organizationIdentifier"] {
            // Required when the TSP is a legal person, which the certificate alone cannot show.
            var finding = Finding.fail(
                observed: "missing organizationIdentifier", location: "subject",
                message: "no organizationIdentifier: required if the TSP is a legal person (auditor to confirm)")
            finding.gradeCap = .observation
            return [finding]
        }
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: "missing " + missing.joined(separator: ", ") + (note.isEmpty ? "" : "; " + note),
                    location: "subject",
                    message:
                        "a TSP's CA certificate must identify the TSP: countryName, organizationName, organizationIdentifier, commonName"
                )
            ]
    }
}

extension CACertificateRules {
    /// CA/B Forum BR v2.0.0 (in force 2023-09-15) ended the exception of BR 7.1.5 that let a
    /// TLS sub-CA mark nameConstraints non-critical.
    static let criticalNameConstraintsForTLS = CivilDay.literal("2023-09-15")

    /// nameConstraints only in CA certificates, critical, with permitted or excluded subtrees, minimum 0 and no
    /// maximum.
    static let nameConstraints = CertificateRules.profiled("CERT-216") { view, context in
        guard let ext = view.tbs.extension(.CertificateExtension.nameConstraints) else {
            return [.notApplicable(because: "no nameConstraints extension")]
        }
        let location = "nameConstraints"
        guard let root = try? LenientASN1.root(ext.value, "nameConstraints") else {
            return [
                .fail(observed: "undecodable value", location: location, message: "nameConstraints cannot be decoded")
            ]
        }
        var findings: [Finding] = []
        if !(view.extensions.isCA || context.subjectKind == "ca") {
            findings.append(
                .fail(
                    observed: "nameConstraints in an end-entity certificate", location: location,
                    message: "nameConstraints may only appear in CA certificates"))
        }
        if !ext.critical {
            let ekus = view.extensions.ekus
            let tlsCapable =
                ekus == nil || ekus!.contains(ExtendedKeyUsage.serverAuth)
                || ekus!.contains(ExtendedKeyUsage.anyExtendedKeyUsage)
            let issued = view.tbs.notBefore.secondsSince1970
            if tlsCapable, let issued, issued < criticalNameConstraintsForTLS {
                findings.append(
                    .shouldFail(
                        observed: "not critical (TLS-capable CA issued \(view.tbs.notBefore.text))",
                        expected: "critical",
                        location: location,
                        message:
                            "RFC 5280 requires nameConstraints to be critical; CA/B BR 7.1.5 tolerated non-critical ones in TLS sub-CAs until BR 2.0 (2023-09-15)"
                    ))
            } else {
                findings.append(
                    .fail(
                        observed: "not critical", expected: "critical", location: location,
                        message: "nameConstraints must be marked critical"))
            }
        }
        let subtrees = LenientASN1.children(root)
        if subtrees.isEmpty {
            findings.append(
                .fail(
                    observed: "empty SEQUENCE", location: location,
                    message: "nameConstraints must have permittedSubtrees or excludedSubtrees"))
        }
        let bounded = subtrees.flatMap(LenientASN1.children).contains { subtree in
            LenientASN1.children(subtree).dropFirst().contains { field in
                guard field.identifier.tagClass == .contextSpecific else { return false }
                if field.identifier.tagNumber == 1 { return true }
                if field.identifier.tagNumber == 0, case .primitive(let value) = field.content {
                    return value.contains { $0 != 0 }
                }
                return false
            }
        }
        if bounded {
            findings.append(
                .fail(
                    observed: "minimum other than 0 or maximum present", location: location,
                    message: "RFC 5280 uses no minimum or maximum: minimum must be 0 and maximum absent"))
        }
        return findings.isEmpty ? [.pass(observed: "critical, \(subtrees.count) subtree list(s)")] : findings
    }

    /// The Baseline Requirements took effect on 2012-07-01 (v1.0).
    static let baselineRequirementsEffective = CivilDay.literal("2012-07-01")

    /// A TLS sub-CA names its policies and CRLs and should point to its issuer.
    static let tlsSubordinate = CertificateRules.profiled("CERT-215") { view, _ in
        guard view.extensions.ekus?.contains(ExtendedKeyUsage.serverAuth) == true, !view.certificate.isSelfIssued else {
            return [.notApplicable(because: "not a subordinate CA with extKeyUsage serverAuth")]
        }
        guard let issued = view.tbs.notBefore.secondsSince1970, issued >= baselineRequirementsEffective else {
            return [.notApplicable(because: "issued before the Baseline Requirements took effect (2012-07-01)")]
        }
        var findings: [Finding] = []
        if view.extensions.certificatePolicies == nil {
            findings.append(
                .fail(
                    observed: "no certificatePolicies", location: "extensions",
                    message: "a TLS sub-CA certificate must carry certificatePolicies"))
        }
        if view.extensions.crlDistributionPoints == nil {
            findings.append(
                .fail(
                    observed: "no cRLDistributionPoints", location: "extensions",
                    message: "a TLS sub-CA certificate must carry cRLDistributionPoints"))
        }
        if view.extensions.authorityInformationAccess == nil {
            findings.append(
                .shouldFail(
                    observed: "no authorityInfoAccess", location: "extensions",
                    message: "a TLS sub-CA certificate should carry authorityInfoAccess"))
        }
        return findings.isEmpty
            ? [.pass(observed: "TLS sub-CA with certificatePolicies, cRLDistributionPoints, authorityInfoAccess")]
            : findings
    }

    /// EN 319 412-5 §4 profiles QCStatements for end-entity certificates; a CA certificate that carries them is
    /// reported for the auditor to weigh.
    static let qcStatementsInCA = CertificateRules.profiled("CERT-217") { view, _ in
        guard let ext = view.tbs.extension(.CertificateExtension.qcStatements) else {
            return [.pass(observed: "no qcStatements")]
        }
        let ids = view.statements?.statements.map { "\($0.id)" }.joined(separator: ", ") ?? "undecodable"
        var finding = Finding.fail(
            observed: "qcStatements \(ids)\(ext.critical ? " (critical)" : "")", location: "qcStatements",
            message: "a CA certificate carries qcStatements, which EN 319 412-5 defines for end-entity certificates")
        finding.gradeCap = .observation
        return [finding]
    }
}
