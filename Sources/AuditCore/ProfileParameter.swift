/// The profile parameters TrustAudit knows (`parameters:` in `Profiles/*.yaml`), each with the
/// values it allows. A profile is checked against this when it is loaded, so a typo (`qscd:
/// yes`, `qsdc: "true"`) is an error naming the file, the line and the allowed values instead of
/// silently switching a rule off.
public enum ProfileParameter: String, Sendable, CaseIterable {
    /// Who the certificate is issued to; read by the subject, key-usage and role rules.
    case subject
    /// The QcType the profile expects (EN 319 412-5 4.2.3).
    case qcType
    /// The key is in a QSCD (QcSSCD expected).
    case qscd
    /// Descriptive: the profile is for EU qualified certificates (its QC rules say so by their
    /// entries; no rule reads the flag).
    case qualified
    /// Descriptive: the profile is for PSD2 certificates (TS 119 495).
    case psd2
    /// Descriptive: the website validation level the profile is for.
    case webValidation

    /// The values the parameter allows.
    public var allowedValues: [String] {
        switch self {
        case .subject: ["natural", "legal", "web", "tsu", "tl-signer", "ocsp-responder", "ca"]
        case .qcType: ["esign", "eseal", "web"]
        case .qscd, .qualified, .psd2: ["true", "false"]
        case .webValidation: ["ev", "ov", "auto"]
        }
    }

    /// Throws when `parameters` of `document` name an unknown parameter or a value it does not
    /// allow; the message gives the file, the line and what is allowed.
    static func validate(_ parameters: [String: String], in document: ProfileDocument) throws(AuditCoreError) {
        for key in parameters.keys.sorted() {
            let place = "\(document.name)\(line(of: key, in: document.text).map { " line \($0)" } ?? "")"
            guard let parameter = ProfileParameter(rawValue: key) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidDocument("\(place): unknown profile parameter '\(key)' (known: \(known))")
            }
            let value = parameters[key] ?? ""
            guard parameter.allowedValues.contains(value) else {
                throw .invalidDocument(
                    "\(place): parameter '\(key)' is '\(value)'; allowed: \(parameter.allowedValues.joined(separator: ", "))"
                )
            }
        }
    }

    /// The 1-based line on which `key:` is first written as a mapping key (block or inline).
    static func line(of key: String, in text: String) -> Int? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let found = rest.range(of: key + ":") {
                let before = rest[..<found.lowerBound].last
                if before == nil || before == " " || before == "{" || before == "," || before == "\t" {
                    return number + 1
                }
                rest = rest[found.upperBound...]
            }
        }
        return nil
    }
}
