import AuditCore
import SwiftASN1

/// RFC 5280 rules on names every certificate carries: attribute string syntax (CERT-020) and
/// e-mail addresses (CERT-322).
enum RFC5280NameRules {
    static let all: [Rule<InspectedCertificate>] = [attributeStrings, emailInSubjectAltName]

    /// Each naming attribute of the subject, the issuer and every directoryName in subjectAltName has its string type
    /// and size.
    static let attributeStrings = CertificateRules.profiled("CERT-020") { view, _ in
        var findings: [Finding] = []
        var checked = 0
        // The place is named only in a finding; attributes are read in place, not copied.
        func check(_ name: DistinguishedName, _ place: () -> String) {
            for i in name.rdns.indices {
                for j in name.rdns[i].indices {
                    guard let syntax = AttributeStringSyntax.byType[name.rdns[i][j].type] else { continue }
                    checked += 1
                    let value = name.rdns[i][j].value
                    for problem in syntax.problems(tag: name.rdns[i][j].valueTag, value: value) {
                        findings.append(finding(problem, location: "\(place()).rdn[\(i)][\(j)]", value: value))
                    }
                }
            }
        }
        check(view.subject) { "subject" }
        check(view.tbs.issuer) { "issuer" }
        let alternative = (try? view.extensions.subjectAltName?.get())?.names ?? []
        for (i, name) in alternative.enumerated() {
            if case .directoryName(let dn?) = name { check(dn) { "subjectAltName[\(i)] directoryName" } }
        }
        if findings.isEmpty {
            return [
                .pass(
                    observed:
                        "\(checked) attribute value(s) in subject, issuer and directoryNames of their type and size")
            ]
        }
        return findings
    }

    private static func finding(_ problem: AttributeStringSyntax.Problem, location: String, value: ArraySlice<UInt8>)
        -> Finding
    {
        let observed = "\(problem.message): \(hexString(value.prefix(24)))\(value.count > 24 ? "…" : "")"
        switch problem.severity {
        case .syntax:
            return .fail(observed: observed, location: location, message: problem.message)
        case .upperBound:
            return .shouldFail(
                observed: observed, location: location,
                message: problem.message
                    + "; later X.520 editions drop the bound, so relying parties may still reject it")
        case .legacyChoice:
            var finding = Finding.fail(observed: observed, location: location, message: problem.message)
            finding.gradeCap = .observation
            return finding
        }
    }

    static let emailAddress: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 1]

    /// A certificate that names an e-mail address carries it as rfc822Name in subjectAltName; emailAddress in the
    /// subject DN is tolerated only beside it.
    static let emailInSubjectAltName = CertificateRules.profiled("CERT-322") { view, _ in
        let addresses = view.subject.values(emailAddress)
        guard !addresses.isEmpty else {
            return [.notApplicable(because: "no emailAddress attribute in the subject")]
        }
        let alternative = (try? view.extensions.subjectAltName?.get())?.names ?? []
        let listed = Set(
            alternative.compactMap { name -> String? in
                if case .rfc822Name(let address) = name { return address.lowercased() }
                return nil
            })
        let missing = addresses.filter { !listed.contains($0.lowercased()) }
        guard missing.isEmpty else {
            let san =
                view.extensions.subjectAltName == nil
                ? "there is no subjectAltName" : "subjectAltName does not list it as rfc822Name"
            return [
                .fail(
                    observed: "emailAddress \(missing.joined(separator: ", ")); \(san)",
                    expected: "rfc822Name in subjectAltName",
                    location: "subject emailAddress",
                    message: "the subject names an e-mail address that subjectAltName does not carry as rfc822Name")
            ]
        }
        return [.pass(observed: "emailAddress \(addresses.joined(separator: ", ")) also in subjectAltName")]
    }
}
