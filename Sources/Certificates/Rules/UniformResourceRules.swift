import AuditCore

/// CERT-323: the URIs a relying party dereferences — CPS pointers, CRL distribution points and
/// authorityInfoAccess — are URIs by RFC 3986 (RFC 5280 §4.2.1.4, §4.2.1.13, §4.2.2.1).
enum UniformResourceRules {
    static let all: [Rule<InspectedCertificate>] = [uriSyntax]

    static let uriSyntax = CertificateRules.profiled("CERT-323") { view, _ in
        var uris: [(place: URIPlace, uri: String)] = []
        if let policies = try? view.extensions.policyInformation?.get() {
            for (i, info) in policies.enumerated() {
                for pointer in info.cpsPointers { if let text = pointer.text { uris.append((.cpsPointer(i), text)) } }
            }
        }
        if let points = try? view.extensions.crlDistributionPoints?.get() {
            for name in points.names { if let uri = name.uri { uris.append((.crlDistributionPoint, uri)) } }
        }
        if let access = try? view.extensions.authorityInformationAccess?.get() {
            for name in access.caIssuers { if let uri = name.uri { uris.append((.caIssuers, uri)) } }
            for name in access.ocsp { if let uri = name.uri { uris.append((.ocsp, uri)) } }
        }
        guard !uris.isEmpty else {
            return [.notApplicable(because: "no CPS pointer, CRL distribution point or authorityInfoAccess URI")]
        }
        let findings = uris.compactMap { found, uri in
            URISyntax.problem(uri).map {
                let place = found.text
                return Finding.shouldFail(
                    observed: "\"\(URISyntax.printable(uri))\"", expected: "an RFC 3986 URI", location: place,
                    message: "\(place) is not a valid URI: \($0)")
            }
        }
        return findings.isEmpty ? [.pass(observed: "\(uris.count) URI(s) of valid syntax")] : findings
    }
}

/// Where CERT-323 found a URI; its text is written only into a finding.
private enum URIPlace {
    case cpsPointer(Int), crlDistributionPoint, caIssuers, ocsp

    var text: String {
        switch self {
        case .cpsPointer(let index): "certificatePolicies[\(index)] CPS pointer"
        case .crlDistributionPoint: "cRLDistributionPoints"
        case .caIssuers: "authorityInfoAccess caIssuers"
        case .ocsp: "authorityInfoAccess ocsp"
        }
    }
}

/// The RFC 3986 syntax checks CERT-323 applies to one URI.
enum URISyntax {
    /// Schemes whose URIs name a host after "//" (RFC 9110 §4.2.1 for http(s); RFC 4516 lets ldap omit it).
    static let hierarchicalSchemes: Set<String> = ["http", "https", "ftp"]

    /// What is wrong with `uri`, or nil when it is a URI.
    static func problem(_ uri: String) -> String? {
        let bytes = Array(uri.utf8)
        if bytes.isEmpty { return "it is empty" }
        if let bad = bytes.first(where: { !isURIByte($0) }) {
            if bad == 0x20 { return "it contains a space (spaces must be percent-encoded, and none may lead or trail)" }
            if bad < 0x20 || bad == 0x7F { return "it contains the control character 0x\(hexString([bad]))" }
            if bad >= 0x80 { return "it contains non-ASCII octets (they must be percent-encoded)" }
            return "it contains \"\(Character(Unicode.Scalar(bad)))\", which a URI cannot hold unencoded"
        }
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0,
            isAlpha(bytes[0]),
            bytes[1..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return "it has no scheme (such as http:)" }
        for (i, byte) in bytes.enumerated() where byte == 0x25 {
            guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else {
                return "a percent sign is not followed by two hexadecimal digits"
            }
        }
        if let scheme = hierarchicalScheme(bytes[..<colon]) {
            let rest = bytes[(colon + 1)...]
            guard rest.starts(with: [0x2F, 0x2F]) else {
                return "an \(scheme) URI needs \"//\" and a host after the scheme"
            }
            let authority = rest.dropFirst(2).prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }
            if authority.isEmpty { return "the \(scheme) URI names no host" }
        }
        return nil
    }

    /// The scheme in lower case when it is one of ``hierarchicalSchemes``: compared as ASCII
    /// bytes (the scheme's characters were checked to be ASCII), as every URI of every
    /// certificate passes here.
    private static func hierarchicalScheme(_ scheme: ArraySlice<UInt8>) -> String? {
        for known in hierarchicalSchemeBytes where known.count == scheme.count {
            if zip(known, scheme).allSatisfy({ $0 == $1 | 0x20 }) { return String(decoding: known, as: UTF8.self) }
        }
        return nil
    }

    private static let hierarchicalSchemeBytes = hierarchicalSchemes.map { Array($0.utf8) }

    /// The URI with control characters shown as \xNN, for evidence.
    static func printable(_ uri: String) -> String {
        uri.utf8.map { $0 < 0x20 || $0 == 0x7F ? "\\x" + hexString([$0]) : String(Unicode.Scalar($0)) }.joined()
    }

    /// RFC 3986 §2: unreserved, reserved and "%".
    private static func isURIByte(_ byte: UInt8) -> Bool {
        if isAlpha(byte) || isDigit(byte) { return true }
        guard byte < 0x80 else { return false }
        return (byte < 0x40 ? punctuation.low >> byte : punctuation.high >> (byte - 0x40)) & 1 == 1
    }

    /// The punctuation above as a bit mask over the 128 ASCII codes: a URI's every byte is
    /// tested, and a `Set` lookup hashes each one.
    private static let punctuation: (low: UInt64, high: UInt64) = "-._~:/?#[]@!$&'()*+,;=%".utf8.reduce((0, 0)) {
        $1 < 0x40 ? ($0.low | 1 << $1, $0.high) : ($0.low, $0.high | 1 << ($1 - 0x40))
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
