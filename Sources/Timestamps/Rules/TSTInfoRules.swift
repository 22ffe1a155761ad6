import AuditCore
import Certificates
import SwiftASN1

/// TSTInfo content: RFC 3161 §2.4.2 and ETSI EN 319 422 §5.2.2 (TST-030 … TST-044).
enum TSTInfoRules {
    static let all: [Rule<InspectedTimestamp>] = [
        version, requestedPolicy, policy, imprintLength, imprintAlgorithm, imprintValue, serialNumber, genTimeForm,
        precision, accuracy, ordering, nonce, criticalExtensions, qcStatements,
    ]

    static func withInfo(
        _ id: RequirementID, _ body: @escaping @Sendable (TSTInfo, InspectedTimestamp, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedTimestamp> {
        Rule(id) { item, context in
            guard let token = item.decodedToken else {
                return item.token == nil
                    ? [.notApplicable(id, because: "the response carries no token")]
                    : [.notChecked(id, because: "the token cannot be decoded")]
            }
            switch token.tstInfo {
            case .success(let info): return body(info, item, context)
            case .failure(let error): return [.notChecked(id, because: "the TSTInfo cannot be decoded: \(error)")]
            }
        }
    }

    static let bestPracticesPolicy: ASN1ObjectIdentifier = [0, 4, 0, 2023, 1, 1]
    static let weakDigests = TimestampRules.weakDigests

    static let version = withInfo("TST-030") { info, _, _ in
        info.version == 1
            ? []
            : [
                .fail(
                    observed: "\(info.version.map(String.init) ?? "?")", expected: "1",
                    location: "TSTInfo.version", message: "TSTInfo version must be 1")
            ]
    }

    /// The policy equals the request's reqPolicy.
    static let requestedPolicy = withInfo("TST-031") { info, item, _ in
        guard let request = item.inputs.request else {
            return [.notChecked(because: "no request supplied (--request)")]
        }
        guard let wanted = request.policy else { return [.notApplicable(because: "the request named no policy")] }
        return info.policy == wanted
            ? []
            : [
                .fail(
                    observed: "\(info.policy)", expected: "\(wanted)", location: "TSTInfo.policy",
                    message: "the token's policy is not the one requested")
            ]
    }

    /// One of the policies the TSA announced (`--policy`), or, when none is given, EN 319 421's best-practices policy.
    static let policy = withInfo("TST-032") { info, item, _ in
        let announced = item.inputs.policies
        let accepted = announced.isEmpty ? [bestPracticesPolicy] : announced
        if accepted.contains(info.policy) { return [.pass(observed: "\(info.policy)")] }
        return [
            .fail(
                observed: "\(info.policy)", expected: accepted.map { "\($0)" }.joined(separator: " or "),
                location: "TSTInfo.policy",
                message: announced.isEmpty
                    ? "the policy is not EN 319 421's best-practices policy; give the TSA's announced policies with --policy"
                    : "the policy is not one of the policies given with --policy")
        ]
    }

    /// The imprint length fits its algorithm.
    static let imprintLength = withInfo("TST-033") { info, _, _ in
        guard let length = MessageDigest.length(info.messageImprint.algorithm) else {
            return [
                .fail(
                    observed: "\(info.messageImprint.algorithm)", location: "TSTInfo.messageImprint",
                    message: "the imprint hash algorithm is not recognised")
            ]
        }
        return info.messageImprint.hashedMessage.count == length
            ? []
            : [
                .fail(
                    observed: "\(info.messageImprint.hashedMessage.count) bytes", expected: "\(length) bytes",
                    location: "TSTInfo.messageImprint", message: "the imprint length does not match its hash algorithm")
            ]
    }

    /// No SHA-1/MD5/RIPEMD-160 imprint.
    static let imprintAlgorithm = withInfo("TST-034") { info, _, _ in
        weakDigests.contains(info.messageImprint.algorithm)
            ? [
                .fail(
                    observed: "\(info.messageImprint.algorithm)", expected: "SHA-2 or SHA-3",
                    location: "TSTInfo.messageImprint.hashAlgorithm",
                    message: "the imprint uses a hash algorithm ETSI TS 119 312 no longer accepts")
            ] : []
    }

    /// The imprint is the hash of the supplied data (or digest, or the request's imprint).
    static let imprintValue = withInfo("TST-035") { info, item, _ in
        let imprint = info.messageImprint
        let expected: [UInt8]?
        let source: String
        if let data = item.inputs.data {
            expected = MessageDigest.digest(imprint.algorithm, data)
            source = "the hash of --data"
        } else if let digest = item.inputs.digest {
            expected = digest
            source = "--digest"
        } else if let request = item.inputs.request, let value = request.imprint {
            expected = value
            source = "the request's imprint"
        } else {
            return [.notChecked(because: "no data, digest or request supplied (--data/--digest/--request)")]
        }
        guard let expected else { return [.notChecked(because: "the imprint algorithm is not supported")] }
        return expected == imprint.hashedMessage
            ? [.pass(observed: "imprint equals \(source)")]
            : [
                .fail(
                    observed: hexString(imprint.hashedMessage), expected: hexString(expected),
                    location: "TSTInfo.messageImprint",
                    message: "the token does not time-stamp the supplied data (\(source) differs)")
            ]
    }

    /// Positive serial of at most 160 bits.
    static let serialNumber = withInfo("TST-036") { info, _, _ in
        let octets = info.serialNumber.drop { $0 == 0 }
        let negative = (info.serialNumber.first ?? 0) & 0x80 != 0
        return !negative && !octets.isEmpty && octets.count <= 20
            ? []
            : [
                .fail(
                    observed: hexString(info.serialNumber), expected: "positive, ≤ 160 bits",
                    location: "TSTInfo.serialNumber",
                    message: "the serial number must be a positive integer of at most 160 bits")
            ]
    }

    /// `YYYYMMDDHHMMSS[.f*]Z`, no trailing zero in the fraction.
    static let genTimeForm = withInfo("TST-037") { info, _, _ in
        let text = Array(info.genTimeText.utf8)
        let digits = { (s: ArraySlice<UInt8>) in !s.isEmpty && s.allSatisfy { (0x30...0x39).contains($0) } }
        var ok = text.count >= 15 && text.last == 0x5A && digits(text[0..<14])
        if ok && text.count > 15 {
            let fraction = text[14..<(text.count - 1)]
            ok = fraction.first == 0x2E && digits(fraction.dropFirst()) && fraction.last != 0x30
        }
        return ok
            ? []
            : [
                .fail(
                    observed: info.genTimeText, expected: "YYYYMMDDHHMMSS[.f]Z", location: "TSTInfo.genTime",
                    message: "genTime is not in the DER GeneralizedTime form RFC 3161 requires")
            ]
    }

    /// Sub-second accuracy needs fraction digits in genTime (should).
    static let precision = withInfo("TST-038") { info, _, _ in
        // An accuracy too large for an Int of microseconds is not sub-second (TST-039 reports it).
        guard let accuracy = info.accuracy, let total = accuracy.totalMicros, total > 0, total < 1_000_000 else {
            return [.notApplicable(because: "no sub-second accuracy declared")]
        }
        return info.genTimeText.contains(".")
            ? []
            : [
                .fail(
                    observed: "accuracy \(total) µs, genTime \(info.genTimeText)", location: "TSTInfo.genTime",
                    message: "the declared accuracy is finer than the genTime's precision (no fraction)")
            ]
    }

    /// Accuracy present (shall), at most 1 s (should), millis and micros in 1…999.
    static let accuracy = withInfo("TST-039") { info, _, _ in
        guard let accuracy = info.accuracy else {
            return [
                .fail(
                    observed: "absent", expected: "accuracy ≤ 1 s", location: "TSTInfo.accuracy",
                    message: "EN 319 422 requires the accuracy to be stated")
            ]
        }
        for (name, value) in [("millis", accuracy.millis), ("micros", accuracy.micros)] {
            if let value, !(1...999).contains(value) {
                return [
                    .fail(
                        observed: "\(name) \(value)", expected: "1…999", location: "TSTInfo.accuracy",
                        message: "accuracy \(name) must be between 1 and 999")
                ]
            }
        }
        guard let total = accuracy.totalMicros else {
            // Seconds beyond about 9.2 × 10^12 (2^63 µs, some 292 000 years): artefact data that
            // must be a finding, not an overflow trap.
            return [
                .shouldFail(
                    observed: accuracy.partsDescription, expected: "≤ 1 s", location: "TSTInfo.accuracy",
                    message: "the accuracy should be one second or better; the declared one exceeds 2^63 microseconds")
            ]
        }
        if total > 1_000_000 {
            return [
                .shouldFail(
                    observed: "\(Double(total) / 1e6) s", expected: "≤ 1 s",
                    location: "TSTInfo.accuracy", message: "the accuracy should be one second or better")
            ]
        }
        return [.pass(observed: "\(Double(total) / 1e6) s")]
    }

    /// Ordering absent or FALSE.
    static let ordering = withInfo("TST-040") { info, _, _ in
        info.ordering == true
            ? [
                .fail(
                    observed: "ordering TRUE", expected: "absent or FALSE", location: "TSTInfo.ordering",
                    message: "EN 319 422 does not allow ordering TRUE")
            ] : []
    }

    /// The nonce of the request is returned.
    static let nonce = withInfo("TST-041") { info, item, _ in
        guard let request = item.inputs.request else {
            return [.notChecked(because: "no request supplied (--request)")]
        }
        guard let wanted = request.nonce else { return [.notApplicable(because: "the request had no nonce")] }
        guard let nonce = info.nonce else {
            return [
                .fail(
                    observed: "absent", expected: hexString(wanted), location: "TSTInfo.nonce",
                    message: "the request's nonce is not returned")
            ]
        }
        return nonce.elementsEqual(wanted)
            ? []
            : [
                .fail(
                    observed: hexString(nonce), expected: hexString(wanted), location: "TSTInfo.nonce",
                    message: "the nonce differs from the request's: the token answers another request")
            ]
    }

    /// No critical TSTInfo extension.
    static let criticalExtensions = withInfo("TST-043") { info, _, _ in
        info.extensions.filter(\.critical).map {
            .fail(
                observed: "\($0.oid) critical", location: "TSTInfo.extensions",
                message: "TSTInfo extensions must not be critical")
        }
    }

    /// A qcStatements extension holds esi4-qtstStatement-1, once, not critical.
    static let qcStatements = withInfo("TST-044") { info, _, _ in
        let statements = info.extensions.filter { $0.oid == [1, 3, 6, 1, 5, 5, 7, 1, 3] }
        guard !statements.isEmpty else { return [.notApplicable(because: "no qcStatements extension")] }
        let esi4: [UInt8] = [0x06, 0x07, 0x04, 0x00, 0x81, 0x97, 0x5E, 0x01, 0x01]
        var problems: [String] = []
        if statements.count > 1 { problems.append("more than one qcStatements extension") }
        if statements.contains(where: \.critical) { problems.append("qcStatements is critical") }
        if !statements.contains(where: { $0.value.firstRange(of: esi4) != nil }) {
            problems.append("esi4-qtstStatement-1 is missing")
        }
        return problems.isEmpty
            ? [.pass(observed: "esi4-qtstStatement-1 present")]
            : [
                .fail(
                    observed: problems.joined(separator: "; "), location: "TSTInfo.extensions",
                    message:
                        "qcStatements in a time-stamp token must be one non-critical extension with esi4-qtstStatement-1"
                )
            ]
    }
}
