import AuditCore
import SwiftASN1

/// certificatePolicies as RFC 5280 §4.2.1.4 (amended by RFC 6818 §3) shapes it: each policy once,
/// the two qualifier types (CERT-015), and the user notice's text (CERT-321).
enum PolicyQualifierRules {
    static let all: [Rule<InspectedCertificate>] = [policiesWellFormed, userNotice]

    /// RFC 6818 (2013-01) replaced the explicitText encoding paragraph of RFC 5280.
    static let rfc6818Published = CivilDay.literal("2013-01-01")

    private static func information(_ view: CertificateView) -> Result<[PolicyInformation], CertificateError>? {
        view.extensions.policyInformation
    }

    /// A policy OID at most once (shall); CPS pointers are IA5Strings (shall); only the CPS pointer and user notice
    /// qualifiers (recommended).
    static let policiesWellFormed = CertificateRules.profiled("CERT-015") { view, _ in
        guard let decoded = information(view) else {
            return [.notApplicable(because: "no certificatePolicies extension")]
        }
        let policies: [PolicyInformation]
        switch decoded {
        case .failure(let error): return [.malformed(error)]
        case .success(let list): policies = list
        }
        var findings: [Finding] = []
        var seen = Set<ASN1ObjectIdentifier>()
        for (i, info) in policies.enumerated() {
            let location = "certificatePolicies[\(i)]"
            if let policy = info.policy, !seen.insert(policy).inserted {
                findings.append(
                    .fail(
                        observed: "\(policy) listed again", location: location,
                        message: "policy \(policy) appears more than once in certificatePolicies"))
            }
            for pointer in info.cpsPointers where pointer.text == nil {
                findings.append(
                    .fail(
                        observed: "CPS pointer encoded as \(pointer.tag)", expected: "IA5String", location: location,
                        message: "a CPS pointer qualifier must be an IA5String holding the URI"))
            }
            for other in info.otherQualifiers {
                findings.append(
                    .shouldFail(
                        observed: "qualifier \(other.id)", expected: "id-qt-cps or id-qt-unotice",
                        location: location,
                        message: "RFC 5280 recommends only the CPS pointer and user notice qualifiers"))
            }
        }
        return findings.isEmpty
            ? [.pass(observed: "\(policies.count) polic\(policies.count == 1 ? "y" : "ies"), each once")] : findings
    }

    /// A user notice's explicitText has 1 to 200 characters (DisplayText SIZE), is not an IA5String (RFC 6818, for
    /// certificates issued from 2013), has no control characters; noticeRef should not be used.
    static let userNotice = CertificateRules.profiled("CERT-321") { view, _ in
        guard case .success(let policies)? = information(view) else {
            return [.notApplicable(because: "no readable certificatePolicies extension")]
        }
        let notices = policies.enumerated().flatMap { i, info in info.userNotices.map { (i, $0) } }
        guard !notices.isEmpty else { return [.notApplicable(because: "no user notice qualifier")] }
        let issued = view.tbs.notBefore.secondsSince1970
        var findings: [Finding] = []
        for (i, notice) in notices {
            let location = "certificatePolicies[\(i)] userNotice"
            if notice.hasNoticeReference {
                findings.append(
                    .shouldFail(
                        observed: "noticeRef present", location: location,
                        message: "RFC 5280 says conforming CAs should not use noticeRef"))
            }
            guard let text = notice.explicitText else { continue }
            findings += explicitTextFindings(
                text, location: "\(location).explicitText byte \(text.offset)", issued: issued)
        }
        return findings.isEmpty
            ? [.pass(observed: "\(notices.count) user notice(s): explicitText DisplayText of 1–200 characters")]
            : findings
    }

    private static func explicitTextFindings(_ text: PolicyInformation.DisplayText, location: String, issued: Int64?)
        -> [Finding]
    {
        guard let kind = text.kind, [.utf8, .bmp, .visible, .ia5].contains(kind) else {
            return [
                .fail(
                    observed: "explicitText encoded as \(text.tag)",
                    expected: "UTF8String, BMPString, VisibleString or IA5String",
                    location: location,
                    message: "explicitText is a DisplayText: UTF8String, BMPString, VisibleString or IA5String")
            ]
        }
        guard let scalars = Self.scalars(text.value, kind) else {
            return [
                .fail(
                    observed: "invalid \(kind.name) content", location: location,
                    message: "explicitText holds octets its \(kind.name) type does not allow")
            ]
        }
        var findings: [Finding] = []
        if scalars.isEmpty || scalars.count > 200 {
            findings.append(
                .fail(
                    observed: "\(scalars.count) characters", expected: "1 to 200 characters", location: location,
                    message: "explicitText must have 1 to 200 characters (DisplayText SIZE (1..200))"))
        }
        let current = issued.map { $0 >= rfc6818Published } ?? true
        if kind == .ia5 && current {
            findings.append(
                .fail(
                    observed: "IA5String", expected: "UTF8String (or VisibleString, BMPString)", location: location,
                    message: "RFC 6818 forbids IA5String for explicitText"))
        }
        if (kind == .visible || kind == .bmp) && !current {
            var finding = Finding.fail(
                observed: "\(kind.name), issued before RFC 6818", location: location,
                message:
                    "RFC 5280 as published in 2008 forbade \(kind.name) for explicitText; RFC 6818 (2013) has allowed it since"
            )
            finding.gradeCap = .observation
            findings.append(finding)
        }
        if scalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            findings.append(
                .shouldFail(
                    observed: "control character in explicitText", location: location,
                    message: "explicitText should not include control characters (RFC 6818 §3)"))
        }
        return findings
    }

    private static func scalars(_ value: ArraySlice<UInt8>, _ kind: StringKind) -> [Unicode.Scalar]? {
        switch kind {
        case .utf8:
            var result: [Unicode.Scalar] = []
            return StringKind.forEachUTF8Scalar(value) { result.append($0) } ? result : nil
        case .bmp:
            guard value.count % 2 == 0 else { return nil }
            let units = stride(from: value.startIndex, to: value.endIndex, by: 2).map {
                UInt16(value[$0]) << 8 | UInt16(value[$0 + 1])
            }
            var result: [Unicode.Scalar] = []
            for decoded in Unicode.UTF16.decode(units) {
                guard let scalar = decoded else { return nil }
                result.append(scalar)
            }
            return result
        default:
            guard kind.characterCount(value) != nil else { return nil }
            return value.map { Unicode.Scalar($0) }
        }
    }
}

extension Unicode.UTF16 {
    /// Decodes UTF-16 code units; nil entries mark ill-formed sequences.
    fileprivate static func decode(_ units: [UInt16]) -> [Unicode.Scalar?] {
        var result: [Unicode.Scalar?] = []
        var decoder = Unicode.UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: return result
            case .error: result.append(nil)
            }
        }
    }
}
