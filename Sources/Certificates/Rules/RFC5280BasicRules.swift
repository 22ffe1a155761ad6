import AuditCore
import SwiftASN1

/// RFC 5280 §4.1 basics every ETSI certificate profile rests on (CERT-000 … CERT-008).
enum RFC5280BasicRules {
    static let all: [Rule<InspectedCertificate>] = [
        strictDER, version3, serialNumber, signatureAlgorithmMatch, issuerPresent, validityEncoding,
        validityOrder, subjectPresent, uniqueExtensions,
    ]

    /// X.690 §10 DER, everywhere including inside extnValue (itself DER by RFC 5280 §4.1); no DEFAULT encoded (X.690
    /// §11.5: criticality, cA, a subtree's minimum) and named bit strings without trailing zero bits (X.690 §11.2.2).
    static let strictDER = Rule<InspectedCertificate>("CERT-000") { item, _ in
        var findings = item.derScan.violations.map {
            Finding.fail(observed: $0.message, expected: "DER", location: $0.location, message: $0.message)
        }
        if let view = item.view {
            for (i, ext) in view.certificate.tbs.extensions.enumerated() {
                // The location names the OID in dotted form: built only for a violation.
                func location() -> String { "extensions[\(i)] \(ext.oid)" }
                if ext.encodesDefaultCriticality {
                    findings.append(
                        .fail(
                            observed: "critical FALSE encoded", expected: "critical omitted",
                            location: "\(location()) byte \(ext.encoded.startIndex)",
                            message:
                                "extension \(ext.oid) encodes critical FALSE, which is the DEFAULT and must be omitted in DER"
                        ))
                }
                let scan = DERScanner.scan(ext.value, offset: ext.value.startIndex)
                // A clean value of a walked certificate is walked for the module's rules too.
                let clean = scan.violations.isEmpty && scan.suppressedViolations == 0
                let moduleViolations = ExtensionEncodingRules.violations(ext, walking: clean ? view.walked : nil)
                findings += (scan.violations + moduleViolations).map {
                    .fail(
                        observed: $0.message, expected: "DER", location: "\(location()) \($0.location)",
                        message: "extnValue of \(ext.oid): \($0.message)")
                }
            }
        }
        if item.derScan.suppressedViolations > 0 {
            findings.append(
                .fail(
                    observed: "\(item.derScan.suppressedViolations) more violations",
                    message: "\(item.derScan.suppressedViolations) further DER violations not listed"))
        }
        return findings
    }

    /// Extensions are present in our profiles, so version 3.
    static let version3 = CertificateRules.decoded("CERT-001") { certificate in
        switch certificate.tbs.version {
        case 2?: []
        case nil:
            [
                .fail(
                    observed: "version absent (v1)", expected: "v3 (2)", location: "tbsCertificate.version",
                    message: "the version field is absent, so this is a v1 certificate")
            ]
        case let value?:
            [
                .fail(
                    observed: "\(value)", expected: "v3 (2)", location: "tbsCertificate.version",
                    message: "version value \(value) is not v3")
            ]
        }
    }

    /// Positive, at most 20 octets, minimally encoded.
    static let serialNumber = CertificateRules.decoded("CERT-002") { certificate in
        let octets = certificate.tbs.serialNumber
        let observed = "\(octets.count) octet(s): \(hexString(octets.prefix(24)))"
        let location = "tbsCertificate.serialNumber"
        guard let first = octets.first else {
            return [
                .fail(
                    observed: "empty", expected: "positive INTEGER", location: location,
                    message: "the serial number has no content octets")
            ]
        }
        if first & 0x80 != 0 {
            return [
                .fail(
                    observed: observed, expected: "positive", location: location,
                    message: "the serial number is negative (top bit of the first octet set); prepend 0x00")
            ]
        }
        if octets.allSatisfy({ $0 == 0 }) {
            return [
                .fail(
                    observed: observed, expected: "positive", location: location,
                    message: "the serial number is zero")
            ]
        }
        if octets.count > 1, first == 0, octets[octets.startIndex + 1] & 0x80 == 0 {
            return [
                .fail(
                    observed: observed, expected: "minimal DER INTEGER", location: location,
                    message: "the serial number has a redundant leading zero octet (not DER-minimal)")
            ]
        }
        if octets.count > 20 {
            return [
                .fail(
                    observed: observed, expected: "at most 20 octets", location: location,
                    message: "the serial number has \(octets.count) octets; RFC 5280 allows at most 20")
            ]
        }
        return [.pass(observed: observed, location: location)]
    }

    /// RFC 5280 §4.1.1.2 (same AlgorithmIdentifier) and the parameter encodings of RFC 4055 §5 (NULL), RFC 5758 §3.2
    /// and RFC 8410 §3 (absent), RFC 4055 §3.1 (PSS: present).
    static let signatureAlgorithmMatch = CertificateRules.decoded("CERT-003") { certificate in
        let inner = certificate.tbs.signature
        let outer = certificate.signatureAlgorithm
        var findings: [Finding] = []
        if !inner.encoded.elementsEqual(outer.encoded) {
            findings.append(
                .fail(
                    observed: "tbsCertificate.signature \(inner); signatureAlgorithm \(outer)",
                    expected: "identical encodings", location: "signatureAlgorithm",
                    message: "the outer signatureAlgorithm differs from the signature field inside tbsCertificate"))
        }
        for (name, identifier) in [("tbsCertificate.signature", inner), ("signatureAlgorithm", outer)] {
            if let problem = parameterProblem(identifier) {
                findings.append(.fail(observed: "\(identifier)", location: name, message: problem))
            }
        }
        return findings.isEmpty ? [.pass(observed: "\(outer)", location: "signatureAlgorithm")] : findings
    }

    static func parameterProblem(_ identifier: AlgorithmIdentifier) -> String? {
        let oids = ASN1ObjectIdentifier.SignatureAlgorithm.self
        let isNull = identifier.parameters?.elementsEqual([0x05, 0x00]) ?? false
        if oids.rsaPKCS1.contains(identifier.algorithm) && !isNull {
            return "RSA PKCS#1 v1.5 (\(identifier.algorithm)) requires NULL parameters (RFC 4055 §5)"
        }
        if oids.parametersAbsent.contains(identifier.algorithm) && identifier.parameters != nil {
            return "\(identifier.algorithm) requires the parameters to be absent (RFC 5758 §3.2 / RFC 8410 §3)"
        }
        if identifier.algorithm == oids.rsaPSS && (identifier.parameters == nil || isNull) {
            return "RSASSA-PSS requires RSASSA-PSS-params (RFC 4055 §3.1)"
        }
        return nil
    }

    /// Non-empty issuer, equal to the subject of a supplied issuer certificate when issuers are given (`--issuer`).
    static let issuerPresent = CertificateRules.profiled("CERT-004") { view, _ in
        if view.tbs.issuer.isEmpty {
            return [
                .fail(
                    observed: "empty SEQUENCE", expected: "the issuing CA's subject DN",
                    location: "tbsCertificate.issuer", message: "the issuer DN is empty")
            ]
        }
        guard let issuers = view.issuers, !view.certificate.isSelfIssued else { return [] }
        let aki = (try? view.extensions.authorityKeyIdentifier?.get())?.keyIdentifier
        // A missing issuer says more about the inputs than about the certificate: not checked.
        return issuers.candidates(for: view.certificate, authorityKeyIdentifier: aki).isEmpty
            ? [
                .notChecked(
                    because:
                        "the issuer name is the subject of none of the \(issuers.count) supplied issuer certificates (byte-wise)"
                )
            ] : [.pass(observed: "matches a supplied issuer's subject")]
    }

    /// UTCTime through 2049, GeneralizedTime from 2050, with seconds and Z and no fraction.
    static let validityEncoding = CertificateRules.decoded("CERT-005") { certificate in
        [("notBefore", certificate.tbs.notBefore), ("notAfter", certificate.tbs.notAfter)].compactMap { name, time in
            timeProblem(time).map {
                .fail(
                    observed: "\(time)", location: "tbsCertificate.validity.\(name) byte \(time.offset)",
                    message: "\(name): \($0)")
            }
        }
    }

    static func timeProblem(_ time: CertificateTime) -> String? {
        let utf8 = Array(time.text.utf8)
        let digits = { (count: Int) in
            utf8.count == count + 1 && utf8.last == 0x5A && utf8.dropLast().allSatisfy { (0x30...0x39).contains($0) }
        }
        switch time.encoding {
        case .utcTime:
            guard digits(12) else { return "UTCTime must be YYMMDDHHMMSSZ (seconds and Z, nothing else)" }
        case .generalizedTime:
            guard digits(14) else { return "GeneralizedTime must be YYYYMMDDHHMMSSZ (seconds and Z, no fraction)" }
        case .other(let tag):
            return "\(tag) is not a time type"
        }
        guard let year = time.year, time.secondsSince1970 != nil else { return "not a valid date" }
        switch time.encoding {
        case .utcTime where year >= 2050: return "year \(year) cannot be a UTCTime"
        case .generalizedTime where year < 2050: return "dates before 2050 must be UTCTime, not GeneralizedTime"
        default: return nil
        }
    }

    /// The validity period is not inverted.
    static let validityOrder = CertificateRules.decoded("CERT-006") { certificate in
        let notBefore = certificate.tbs.notBefore
        let notAfter = certificate.tbs.notAfter
        guard let start = notBefore.secondsSince1970, let end = notAfter.secondsSince1970 else {
            return [.notChecked(because: "a validity date cannot be read (see CERT-005)")]
        }
        let observed = "notBefore \(notBefore.text), notAfter \(notAfter.text)"
        return start <= end
            ? [.pass(observed: observed)]
            : [
                .fail(
                    observed: observed, expected: "notBefore ≤ notAfter", location: "tbsCertificate.validity",
                    message: "notBefore is after notAfter")
            ]
    }

    /// An empty subject needs a critical SAN.
    static let subjectPresent = CertificateRules.decoded("CERT-007") { certificate in
        guard certificate.tbs.subject.isEmpty else { return [] }
        let san = certificate.tbs.extension(.CertificateExtension.subjectAltName)
        switch san {
        case nil:
            return [
                .fail(
                    observed: "empty subject, no subjectAltName", location: "tbsCertificate.subject",
                    message: "the subject is empty and there is no subjectAltName")
            ]
        case let san? where !san.critical:
            return [
                .fail(
                    observed: "empty subject, subjectAltName not critical", location: "tbsCertificate.subject",
                    message: "with an empty subject the subjectAltName must be critical")
            ]
        default:
            return []
        }
    }

    /// Each extension at most once.
    static let uniqueExtensions = CertificateRules.decoded("CERT-008") { certificate in
        // Pairwise by index: a certificate has about ten extensions, and hashing an OID costs
        // more than comparing it with all the others.
        let extensions = certificate.tbs.extensions
        var findings: [Finding] = []
        for i in extensions.indices {
            var earlier = 0
            for j in 0..<i where extensions[j].oid == extensions[i].oid { earlier += 1 }
            // Reported at its second occurrence only.
            guard earlier == 1 else { continue }
            let ext = extensions[i]
            findings.append(
                .fail(
                    observed: "\(ext.oid)", location: "tbsCertificate.extensions[\(i)]",
                    message: "extension \(ext.oid) appears more than once"))
        }
        return findings
    }
}
