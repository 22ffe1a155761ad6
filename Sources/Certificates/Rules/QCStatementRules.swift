import AuditCore
import SwiftASN1

/// QCStatements of EN 319 412-5 (CERT-120 … CERT-134).
enum QCStatementRules {
    static let all: [Rule<InspectedCertificate>] = [
        notCritical, compliance, sscd, qcType, qcTypeMatchesProfile, retention, limitValue, pds, pdsPresent,
        legislation, pkixSyntaxV1, qualifiedPolicy, noDuplicates,
    ]

    typealias ID = QCStatements.ID
    static let qcTypeNames = QCStatements.QcType.names

    /// Runs `body` with the decoded statements; absent → `absent`, malformed → a failure.
    static func withStatements(
        _ view: CertificateView, absent: () -> [Finding], _ body: (QCStatements) -> [Finding]
    ) -> [Finding] {
        switch view.extensions.qcStatements {
        case nil: return absent()
        case .failure(let error)?: return [.malformed(error)]
        case .success(let statements)?: return body(statements)
        }
    }

    /// qcStatements is not critical.
    static let notCritical = CertificateRules.decoded("CERT-120") { certificate in
        guard let ext = certificate.tbs.extension(.CertificateExtension.qcStatements) else {
            return [.notApplicable(because: "no qcStatements")]
        }
        return ext.critical
            ? [
                .fail(
                    observed: "critical", location: "qcStatements",
                    message: "the qcStatements extension must not be critical")
            ] : []
    }

    /// An EU qualified certificate carries QcCompliance.
    static let compliance = CertificateRules.profiled("CERT-121") { view, _ in
        withStatements(
            view,
            absent: {
                [
                    .fail(
                        observed: "no qcStatements", expected: "QcCompliance", location: "extensions",
                        message: "an EU qualified certificate must carry the QcCompliance statement")
                ]
            }
        ) { statements in
            statements.contains(ID.qcCompliance)
                ? []
                : [
                    .fail(
                        observed: "QcCompliance absent", expected: "QcCompliance 0.4.0.1862.1.1",
                        location: "qcStatements",
                        message: "an EU qualified certificate must carry the QcCompliance statement")
                ]
        }
    }

    /// QcSSCD present when the key is in a QSCD; absent on QWACs.
    static let sscd = CertificateRules.profiled("CERT-122") { view, context in
        let present = view.statements?.contains(ID.qcSSCD) == true
        if context.isQSCD && !present {
            return [
                .fail(
                    observed: "QcSSCD absent", expected: "QcSSCD 0.4.0.1862.1.4", location: "qcStatements",
                    message: "the profile requires the key in a QSCD, so QcSSCD must be present")
            ]
        }
        if context.subjectKind == "web" && present {
            return [
                .fail(
                    observed: "QcSSCD present", location: "qcStatements",
                    message: "a website certificate must not claim a QSCD (QcSSCD)")
            ]
        }
        return []
    }

    /// QcType present with one known value.
    static let qcType = CertificateRules.profiled("CERT-123") { view, context in
        withStatements(
            view,
            absent: {
                [
                    .fail(
                        observed: "no qcStatements", expected: "QcType", location: "extensions",
                        message: "an EU qualified certificate must declare its QcType")
                ]
            }
        ) { statements in
            guard let types = statements.qcTypes else {
                return [
                    .fail(
                        observed: "QcType absent", expected: "QcType esign, eseal or web", location: "qcStatements",
                        message: "an EU qualified certificate must declare its QcType")
                ]
            }
            let unknown = types.filter { qcTypeNames[$0] == nil }
            if types.isEmpty || !unknown.isEmpty {
                return [
                    .fail(
                        observed: types.isEmpty ? "empty QcType" : unknown.map { "\($0)" }.joined(separator: ", "),
                        expected: "esign (.6.1), eseal (.6.2) or web (.6.3)", location: "qcStatements.QcType",
                        message: "QcType must hold one of the types EN 319 412-5 defines")
                ]
            }
            if types.count > 1 && context.standard("ETSI EN 319 412-5", isAtLeast: "V2.5.1") {
                return [
                    .fail(
                        observed: types.compactMap { qcTypeNames[$0] }.joined(separator: ", "),
                        expected: "exactly one QcType", location: "qcStatements.QcType",
                        message: "EN 319 412-5 V2.5.1 requires exactly one QcType")
                ]
            }
            if statements.statements.contains(where: { QCStatements.QcType.all.contains($0.id) }) {
                return [
                    .fail(
                        observed: "QcType value used as a statementId", location: "qcStatements",
                        message: "a QcType value OID is used as a statement id")
                ]
            }
            return [.pass(observed: qcTypeNames[types[0]])]
        }
    }

    /// QcType agrees with the certificate kind.
    static let qcTypeMatchesProfile = CertificateRules.profiled("CERT-124") { view, context in
        let names = (view.statements?.qcTypes ?? []).compactMap { qcTypeNames[$0] }
        guard let expected = context.expectedQcType, !names.isEmpty else {
            return [.notApplicable(because: "no known QcType declared or none expected (see CERT-123)")]
        }
        // Several types at once are CERT-123's finding; here the expected one must be among them.
        return names.contains(expected)
            ? []
            : [
                .fail(
                    observed: names.joined(separator: ", "), expected: expected, location: "qcStatements.QcType",
                    message:
                        "QcType \(names.joined(separator: ", ")) does not fit a \(context.subjectKind ?? "") certificate (\(expected) expected)"
                )
            ]
    }

    /// QcRetentionPeriod is a positive number of years.
    static let retention = CertificateRules.profiled("CERT-125") { view, _ in
        guard let value = view.statements?.retentionYears else {
            return [.notApplicable(because: "no QcRetentionPeriod")]
        }
        guard let years = value, years > 0 else {
            return [
                .fail(
                    observed: value.map { "\($0)" } ?? "malformed", expected: "INTEGER > 0",
                    location: "qcStatements.QcRetentionPeriod",
                    message: "QcRetentionPeriod must be a positive number of years")
            ]
        }
        return [.pass(observed: "\(years) years")]
    }

    /// QcLimitValue currency ISO 4217 (alphabetic should be used), amount and exponent not negative.
    static let limitValue = CertificateRules.profiled("CERT-126") { view, _ in
        guard let value = view.statements?.limitValue else { return [.notApplicable(because: "no QcLimitValue")] }
        let location = "qcStatements.QcLimitValue"
        if let code = value.alphabeticCurrency {
            guard ISOCodes.currencies.contains(code) else {
                return [
                    .fail(
                        observed: code, expected: "ISO 4217 alphabetic code (e.g. EUR)", location: location,
                        message: "currency \(code) is not an ISO 4217 code")
                ]
            }
        } else if let number = value.numericCurrency {
            guard (1...999).contains(number) else {
                return [
                    .fail(
                        observed: "\(number)", location: location, message: "numeric currency is not an ISO 4217 number"
                    )
                ]
            }
            return [
                .shouldFail(
                    observed: "numeric \(number)", expected: "alphabetic code", location: location,
                    message: "the alphabetic ISO 4217 currency code should be used")
            ]
        } else {
            return [.fail(observed: "no currency", location: location, message: "QcLimitValue has no currency")]
        }
        guard let amount = value.amount, let exponent = value.exponent, amount >= 0, exponent >= 0 else {
            return [
                .fail(
                    observed:
                        "amount \(value.amount.map(String.init) ?? "?"), exponent \(value.exponent.map(String.init) ?? "?")",
                    location: location, message: "QcLimitValue amount and exponent must be non-negative integers")
            ]
        }
        return []
    }

    /// Every PdsLocation has an https URL and an ISO 639-1 language code.
    static let pds = CertificateRules.profiled("CERT-127") { view, _ in
        guard let locations = view.statements?.pdsLocations else { return [.notApplicable(because: "no QcPDS")] }
        guard !locations.isEmpty else {
            return [.fail(observed: "empty", location: "qcStatements.QcPDS", message: "QcPDS lists no PDS location")]
        }
        var findings: [Finding] = []
        for (i, location) in locations.enumerated() {
            let place = "qcStatements.QcPDS[\(i)]"
            if !location.url.lowercased().hasPrefix("https://") {
                findings.append(
                    .fail(
                        observed: location.url, expected: "https:// URL", location: place,
                        message: "the PDS URL must use https"))
            }
            if !ISOCodes.languages.contains(location.language.lowercased()) {
                findings.append(
                    .fail(
                        observed: location.language, expected: "ISO 639-1 code, e.g. en", location: place,
                        message: "the PDS language must be a two-letter ISO 639-1 code"))
            } else if location.language != location.language.lowercased() {
                // EN 319 412-5 §4.3.4 names ISO 639-1 and sets no case: lower case is the
                // standard's own notation, not a requirement.
                var finding = Finding.fail(
                    observed: location.language, expected: location.language.lowercased(),
                    location: place, message: "ISO 639-1 writes language codes in lower case")
                finding.gradeCap = .observation
                findings.append(finding)
            }
        }
        return findings
    }

    /// An EU qualified certificate should point to its PDS.
    static let pdsPresent = CertificateRules.profiled("CERT-128") { view, _ in
        view.statements?.pdsLocations != nil
            ? []
            : [
                .fail(
                    observed: "QcPDS absent", expected: "QcPDS", location: "qcStatements",
                    message: "an EU qualified certificate should carry QcPDS pointing to the PKI disclosure statement")
            ]
    }

    /// QcCClegislation (non-EU qualified) is well formed and not combined with an EU qualified claim.
    static let legislation = CertificateRules.profiled("CERT-129") { view, _ in
        guard let countries = view.statements?.legislationCountries else {
            return [.notApplicable(because: "no QcCClegislation")]
        }
        let euPolicies = view.extensions.policies.filter { PolicyIdentifiers.en319411_2[$0] != nil }
        if countries.isEmpty || countries.contains(where: { !ISOCodes.countries.contains($0) }) {
            return [
                .fail(
                    observed: countries.joined(separator: ", "), expected: "ISO 3166 country codes",
                    location: "qcStatements.QcCClegislation",
                    message: "QcCClegislation must list ISO 3166 country codes")
            ]
        }
        if !euPolicies.isEmpty {
            return [
                .fail(
                    observed:
                        "QcCClegislation \(countries.joined(separator: ", ")) with \(euPolicies.map(PolicyIdentifiers.name).joined(separator: ", "))",
                    location: "qcStatements.QcCClegislation",
                    message: "a certificate qualified under non-EU legislation must not claim an EU qualified policy")
            ]
        }
        return []
    }

    /// pkixQCSyntax-v1 must not be used (v2 replaces it).
    static let pkixSyntaxV1 = CertificateRules.profiled("CERT-131") { view, _ in
        view.statements?.contains(ID.pkixQCSyntaxV1) == true
            ? [
                .fail(
                    observed: "id-qcs-pkixQCSyntax-v1", expected: "id-qcs-pkixQCSyntax-v2",
                    location: "qcStatements", message: "pkixQCSyntax-v1 is deprecated; use v2 (1.3.6.1.5.5.7.11.2)")
            ] : []
    }

    /// An EU qualified certificate should contain an EN 319 411-2 policy.
    static let qualifiedPolicy = CertificateRules.profiled("CERT-132") { view, _ in
        if let countries = view.statements?.legislationCountries, !countries.isEmpty {
            return [
                .notApplicable(
                    because: "qualified under non-EU legislation (QcCClegislation \(countries.joined(separator: ", ")))"
                )
            ]
        }
        return view.extensions.policies.contains { PolicyIdentifiers.en319411_2[$0] != nil }
            ? []
            : [
                .shouldFail(
                    observed: view.extensions.policies.map(PolicyIdentifiers.name).joined(separator: ", "),
                    expected: "an EN 319 411-2 policy (QCP-n, QCP-l, …)", location: "certificatePolicies",
                    message: "an EU qualified certificate should name its EN 319 411-2 policy")
            ]
    }

    /// No ETSI statement appears twice.
    static let noDuplicates = CertificateRules.profiled("CERT-134") { view, context in
        guard let statements = view.statements else { return [.notApplicable(because: "no qcStatements")] }
        guard context.standard("ETSI EN 319 412-5", isAtLeast: "V2.6.1") else {
            return [.notApplicable(because: "EN 319 412-5 before V2.6.1 does not forbid repeated statements")]
        }
        // Arrays, not sets: a certificate has about seven statements.
        var seen: [ASN1ObjectIdentifier] = []
        var duplicated: [ASN1ObjectIdentifier] = []
        for position in statements.statements.indices {
            let id = statements.statements[position].id
            guard QCStatements.ID.etsi.contains(id) else { continue }
            if !seen.contains(id) {
                seen.append(id)
            } else if !duplicated.contains(id) {
                duplicated.append(id)
            }
        }
        return duplicated.isEmpty
            ? []
            : [
                .fail(
                    observed: duplicated.map { "\($0)" }.sorted().joined(separator: ", "), location: "qcStatements",
                    message: "an ETSI statement appears more than once")
            ]
    }
}
