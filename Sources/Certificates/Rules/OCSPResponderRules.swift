import AuditCore

/// Delegated OCSP responder certificates (RFC 6960 §4.2.2.2, CA/B Forum BR 7.1.2.8): CERT-310 …
/// CERT-312.
enum OCSPResponderRules {
    static let all: [Rule<InspectedCertificate>] = [ocspSigningOnly, noCheck, signingKeyUsage, noOCSPPointer]

    /// No id-ad-ocsp in the responder's own AIA.
    static let noOCSPPointer = CertificateRules.profiled("CERT-313") { view, _ in
        let pointers = ((try? view.extensions.authorityInformationAccess?.get())?.ocsp ?? []).compactMap(\.uri)
        return pointers.isEmpty
            ? []
            : [
                .fail(
                    observed: pointers.joined(separator: ", "), expected: "no id-ad-ocsp access method",
                    location: "authorityInfoAccess",
                    message:
                        "the responder certificate points to an OCSP responder for its own status, which makes validation loop"
                )
            ]
    }

    /// extKeyUsage includes id-kp-OCSPSigning; BR 7.1.2.8.5 — and nothing else (a should for responders outside the TLS
    /// hierarchy: minor).
    static let ocspSigningOnly = CertificateRules.profiled("CERT-310") { view, _ in
        switch view.extensions.extendedKeyUsage {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "extKeyUsage id-kp-OCSPSigning", location: "extensions",
                    message: "a delegated OCSP responder certificate must carry extKeyUsage id-kp-OCSPSigning")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let eku)?:
            guard eku.purposes.contains(ExtendedKeyUsage.ocspSigning) else {
                return [
                    .fail(
                        observed: eku.purposes.map(\.dotted).joined(separator: ", "),
                        expected: "1.3.6.1.5.5.7.3.9", location: "extKeyUsage",
                        message: "a delegated OCSP responder certificate must carry id-kp-OCSPSigning")
                ]
            }
            let others = eku.purposes.filter { $0 != ExtendedKeyUsage.ocspSigning }
            return others.isEmpty
                ? []
                : [
                    .shouldFail(
                        observed: eku.purposes.map(\.dotted).joined(separator: ", "),
                        expected: "1.3.6.1.5.5.7.3.9 only", location: "extKeyUsage",
                        message:
                            "the responder key also serves \(others.map(\.dotted).joined(separator: ", ")); the CA/B Forum profile allows id-kp-OCSPSigning only"
                    )
                ]
        }
    }

    /// Id-pkix-ocsp-nocheck present, NULL, not critical.
    static let noCheck = CertificateRules.profiled("CERT-311") { view, _ in
        guard let ext = view.tbs.extension(.CertificateExtension.ocspNoCheck) else {
            // RFC 6960 §4.2.2.2.1 offers nocheck as one of three ways (a MAY); only the CA/B
            // Forum (BR 4.9.9, 7.1.2.8.2) requires it, for TLS responders: an observation here.
            var finding = Finding.fail(
                observed: "absent", expected: "id-pkix-ocsp-nocheck (NULL, not critical)", location: "extensions",
                message:
                    "without id-pkix-ocsp-nocheck relying parties must check the responder's own status, which the CA must then publish (required for responders of TLS CAs)"
            )
            finding.gradeCap = .observation
            return [finding]
        }
        var findings: [Finding] = []
        if Array(ext.value) != [0x05, 0x00] {
            // "SHALL be NULL": major whatever the grade of the rest.
            findings.append(
                .fail(
                    observed: Hex.string(ext.value), expected: "05 00 (NULL)", location: "id-pkix-ocsp-nocheck",
                    message: "the value of id-pkix-ocsp-nocheck must be an ASN.1 NULL"))
        }
        if ext.critical {
            findings.append(
                .shouldFail(
                    observed: "critical", location: "id-pkix-ocsp-nocheck",
                    message: "id-pkix-ocsp-nocheck should not be critical"))
        }
        return findings
    }

    /// Never keyCertSign or cRLSign (major); digitalSignature missing or other bits present (minor).
    static let signingKeyUsage = CertificateRules.profiled("CERT-312") { view, _ in
        switch view.extensions.keyUsage {
        case nil:
            return [
                .shouldFail(
                    observed: "absent", expected: "keyUsage digitalSignature", location: "extensions",
                    message: "the responder certificate should state keyUsage digitalSignature")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let usage)?:
            if usage.contains(.keyCertSign) || usage.contains(.cRLSign) {
                return [
                    .fail(
                        observed: "\(usage)", expected: "digitalSignature", location: "keyUsage",
                        message: "an OCSP responder key signs responses, never certificates or CRLs")
                ]
            }
            if !usage.contains(.digitalSignature) {
                // RFC 5280 §4.2.1.3 words the bits descriptively and RFC 6960 names no keyUsage;
                // only the CA/B Forum profile makes digitalSignature a must: minor here.
                return [
                    .shouldFail(
                        observed: "\(usage)", expected: "digitalSignature", location: "keyUsage",
                        message:
                            "response signatures are digital signatures in RFC 5280's sense; the keyUsage should assert digitalSignature"
                    )
                ]
            }
            return usage.bits.subtracting([.digitalSignature]).isEmpty
                ? []
                : [
                    .shouldFail(
                        observed: "\(usage)", expected: "digitalSignature only", location: "keyUsage",
                        message: "the CA/B Forum responder profile allows digitalSignature only")
                ]
        }
    }
}

/// CERT-300: a certificate that claims no ETSI or CA/B Forum profile is reported as such.
enum ClaimRules {
    static let all: [Rule<InspectedCertificate>] = [unclaimed]

    static let unclaimed = CertificateRules.profiled("CERT-300") { view, _ in
        let claims =
            view.extensions.qcStatements != nil || view.extensions.policies.contains(where: PolicyIdentifiers.isClaim)
        guard !claims else { return [.pass(observed: "an ETSI or CA/B Forum claim is present")] }
        let policies = view.extensions.policies.map(PolicyIdentifiers.name)
        if let legacy = view.extensions.policies.compactMap({ PolicyIdentifiers.ts101456[$0] }).first {
            return [
                .fail(
                    observed: "policies " + policies.joined(separator: ", ") + "; no qcStatements",
                    expected: "qcStatements, an EN 319 411-1/-2 policy or a CA/B Forum policy",
                    location: "certificatePolicies",
                    message:
                        "the certificate claims only \(legacy), superseded by EN 319 411-2 in 2016-02; its profile "
                        + "(TS 101 862, RFC 3739) is not checked, only the RFC 5280 basics")
            ]
        }
        return [
            .fail(
                observed: policies.isEmpty
                    ? "no certificatePolicies, no qcStatements"
                    : "policies " + policies.joined(separator: ", ") + "; no qcStatements",
                expected: "qcStatements, an EN 319 411-1/-2 policy or a CA/B Forum policy",
                location: "certificatePolicies",
                message:
                    "the certificate claims no ETSI or CA/B Forum profile, so only the RFC 5280 basics were checked")
        ]
    }
}
