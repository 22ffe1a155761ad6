import AuditCore
import Certificates
import SwiftASN1

/// Every OCSP response rule of this module, one per requirement (RFC 6960, RFC 8954, CA/B TLS BR).
public enum OCSPRules {
    public static let all = RuleSet<InspectedOCSPResponse>(
        [
            derEncoding, responseStatus, responseType, version, responderID, updateOrder, singleResponses, nonce,
            signature,
            authorisedSigner, responderNoCheck, tlsValidityInterval,
        ])

    /// Builds a rule that needs the basic response: not applicable to an error response, not
    /// checked when the response cannot be read.
    static func basic(
        _ id: RequirementID,
        _ body: @escaping @Sendable (BasicOCSPResponse, InspectedOCSPResponse, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedOCSPResponse> {
        Rule(id) { item, context in
            if let basic = item.basic { return body(basic, item, context) }
            if case .success(let response) = item.response, response.status != 0 {
                return [
                    .notApplicable(
                        id,
                        because:
                            "an error response (responseStatus \(response.status.map(String.init) ?? "?")) carries no status"
                    )
                ]
            }
            return [.notChecked(id, because: "the basic response cannot be read: \(item.problem ?? "unreadable")")]
        }
    }

    /// One DER value, nothing after it.
    static let derEncoding = Rule<InspectedOCSPResponse>("REV-101") { item, _ in
        var findings = item.derScan.violations.map {
            Finding.fail(observed: $0.message, expected: "DER", location: $0.location, message: $0.message)
        }
        if case .failure(let error) = item.response {
            findings.append(
                .fail(
                    observed: error.reason, location: error.location,
                    message: "the item is not an RFC 6960 OCSPResponse: \(error.reason)"))
        }
        return findings
    }

    /// A defined responseStatus; responseBytes exactly when successful.
    static let responseStatus = Rule<InspectedOCSPResponse>("REV-102") { item, _ in
        guard case .success(let response) = item.response else {
            return [.notChecked(because: "the response cannot be decoded")]
        }
        let name = response.status.flatMap { OCSPResponse.statusNames[$0] }
        let observed =
            "responseStatus \(response.status.map(String.init) ?? "?")\(name.map { " (\($0))" } ?? "")"
            + (response.response == nil ? ", no responseBytes" : ", responseBytes present")
        guard name != nil else {
            return [
                .fail(
                    observed: observed, expected: "0, 1, 2, 3, 5 or 6", location: "responseStatus",
                    message: "not an OCSPResponseStatus value (4 is unused)")
            ]
        }
        let successful = response.status == 0
        if successful != (response.response != nil) {
            return [
                .fail(
                    observed: observed, location: "responseBytes",
                    message: successful
                        ? "a successful response carries responseBytes" : "an error response carries no responseBytes")
            ]
        }
        return [.pass(observed: observed)]
    }

    /// responseType id-pkix-ocsp-basic with a readable BasicOCSPResponse.
    static let responseType = Rule<InspectedOCSPResponse>("REV-103") { item, _ in
        guard case .success(let response) = item.response, let type = response.responseType else {
            return [.notApplicable(because: "no responseBytes")]
        }
        guard type.elementsEqual(RevocationOID.ocspBasic) else {
            return [
                .fail(
                    observed: ObjectIdentifierText.dotted(type), expected: "1.3.6.1.5.5.7.48.1.1 (id-pkix-ocsp-basic)",
                    location: "responseBytes.responseType",
                    message: "the response is not a basic OCSP response, which every client must understand")
            ]
        }
        if item.basic == nil {
            return [
                .fail(
                    observed: item.problem ?? "unreadable", location: "responseBytes.response",
                    message: "the BasicOCSPResponse cannot be read: \(item.problem ?? "unreadable")")
            ]
        }
        return []
    }

    /// ResponseData version v1.
    static let version = basic("REV-104") { basic, _, _ in
        guard let version = basic.version else { return [.pass(observed: "v1 (DEFAULT, not encoded)")] }
        return version == 0
            ? [.pass(observed: "v1 (encoded; DER leaves the DEFAULT out, see REV-101)")]
            : [
                .fail(
                    observed: "version \(version)", expected: "v1 (0)", location: "tbsResponseData.version",
                    message: "RFC 6960 defines only version v1 of ResponseData")
            ]
    }

    /// The responderID names the certificate that signed.
    static let responderID = basic("REV-105") { basic, item, _ in
        let observed: String
        switch basic.responderID {
        case .name: observed = "byName"
        case .key(let hash): observed = "byKey \(CRLEntryWalk.hex(hash))"
        }
        if let signer = item.signer {
            return [
                .pass(
                    observed: "\(observed), the \(signer.origin == "response" ? "response's" : "supplied") certificate")
            ]
        }
        guard !basic.certificates.isEmpty else {
            return [
                .notChecked(because: "\(observed): no certificate in the response or supplied (--issuer) matches it")
            ]
        }
        return [
            .fail(
                observed: observed, location: "tbsResponseData.responderID",
                message:
                    "none of the \(basic.certificates.count) certificate(s) in the response is the responder it names: "
                    + "byName is the responder's subject, byKey the SHA-1 of its subjectPublicKey")
        ]
    }

    /// nextUpdate after thisUpdate; thisUpdate not after producedAt.
    static let updateOrder = basic("REV-106") { basic, _, _ in
        var findings: [Finding] = []
        for (position, single) in basic.responses.enumerated() {
            let location = "responses[\(position)]"
            if let next = single.nextUpdate?.secondsSince1970, let this = single.thisUpdate.secondsSince1970,
                next <= this
            {
                findings.append(
                    .fail(
                        observed: "thisUpdate \(single.thisUpdate.text), nextUpdate \(single.nextUpdate!.text)",
                        expected: "nextUpdate after thisUpdate", location: location + ".nextUpdate",
                        message: "nextUpdate is not later than thisUpdate"))
            }
            if let this = single.thisUpdate.secondsSince1970, let produced = basic.producedAt.secondsSince1970,
                this > produced
            {
                findings.append(
                    .shouldFail(
                        observed: "thisUpdate \(single.thisUpdate.text), producedAt \(basic.producedAt.text)",
                        location: location + ".thisUpdate",
                        message: "the status is claimed correct at a time after the response was signed"))
            }
        }
        return findings
    }

    /// CertID hashes fit their algorithm; a revocation is dated no later than thisUpdate with a defined CRLReason.
    static let singleResponses = basic("REV-107") { basic, _, _ in
        var findings: [Finding] = []
        if basic.responses.isEmpty {
            findings.append(
                .fail(
                    observed: "no SingleResponse", location: "tbsResponseData.responses",
                    message: "a basic response answers at least one certificate"))
        }
        for (position, single) in basic.responses.enumerated() {
            let location = "responses[\(position)]"
            let algorithm = ObjectIdentifierText.dotted(single.certID.hashAlgorithm)
            if let oid = try? ASN1ObjectIdentifier(dotRepresentation: algorithm), let length = MessageDigest.length(oid)
            {
                for (name, hash) in [
                    ("issuerNameHash", single.certID.issuerNameHash), ("issuerKeyHash", single.certID.issuerKeyHash),
                ]
                where hash.count != length {
                    findings.append(
                        .fail(
                            observed: "\(name) of \(hash.count) octets under \(algorithm)",
                            expected: "\(length) octets",
                            location: location + ".certID.\(name)",
                            message: "the CertID hash does not have the length of its algorithm's output"))
                }
            } else {
                findings.append(
                    .fail(
                        observed: "hashAlgorithm \(algorithm)", location: location + ".certID.hashAlgorithm",
                        message: "an unknown CertID hash algorithm: no client can match the certificate"))
            }
            switch single.status {
            case .revoked(let time, let reason):
                if let revoked = time.secondsSince1970, let this = single.thisUpdate.secondsSince1970, revoked > this {
                    findings.append(
                        .fail(
                            observed: "revocationTime \(time.text), thisUpdate \(single.thisUpdate.text)",
                            location: location + ".certStatus.revoked",
                            message: "the certificate is reported revoked at a time after the status is claimed correct"
                        ))
                }
                if let reason, CRLEntryWalk.reasonNames[reason] == nil {
                    findings.append(
                        .fail(
                            observed: "revocationReason \(reason)", location: location + ".certStatus.revoked",
                            message: "not a CRLReason value: 0–6 and 8–10 are defined"))
                }
            case .undefined(let tag):
                findings.append(
                    .fail(
                        observed: "certStatus tag 0x\(ObjectIdentifierText.hex(tag))",
                        location: location + ".certStatus",
                        message: "certStatus is good [0], revoked [1] or unknown [2]"))
            case .good, .unknown: break
            }
        }
        return findings
    }

    /// The response to `--ocsp-request` echoes its nonce and answers each CertID requested.
    static let nonce = basic("REV-108") { basic, item, _ in
        guard let request = item.inputs.ocspRequest else {
            return [.notApplicable(because: "no OCSP request given (--ocsp-request)")]
        }
        var findings: [Finding] = []
        if let asked = request.nonce {
            let echoed = basic.extension(RevocationOID.ocspNonce).map { basic.reader.content($0.value) }
            if echoed.map({ $0.elementsEqual(asked) }) != true {
                findings.append(
                    .fail(
                        observed: echoed.map { "nonce \(CRLEntryWalk.hex($0))" } ?? "no nonce",
                        expected: "nonce \(CRLEntryWalk.hex(asked))",
                        location: "responseExtensions 1.3.6.1.5.5.7.48.1.2",
                        message: "the response does not echo the request's nonce: it may be a replay"))
            }
        }
        for id in request.certIDs where !basic.responses.contains(where: { $0.certID.matches(id) }) {
            findings.append(
                .fail(
                    observed: "serial \(CRLEntryWalk.hex(id.serialNumber)) not answered",
                    location: "tbsResponseData.responses",
                    message: "the response does not answer a certificate the request asked about"))
        }
        return findings.isEmpty
            ? [
                .pass(
                    observed: request.nonce == nil
                        ? "answers the request (no nonce asked)" : "nonce echoed, request answered")
            ] : findings
    }

    /// The signature verifies with the responder's key.
    static let signature = basic("REV-109") { basic, item, _ in
        guard let signer = item.signer else {
            return [.notChecked(because: "the signing certificate is neither in the response nor supplied (--issuer)")]
        }
        guard let algorithm = item.signatureAlgorithm else {
            return [
                .fail(
                    observed: "unreadable signatureAlgorithm", location: "signatureAlgorithm",
                    message: "the signature algorithm cannot be read")
            ]
        }
        guard let key = signer.key else {
            return [.notChecked(because: "OpenSSL cannot use the responder's public key")]
        }
        switch SignatureVerification.verify(
            signature: basic.signatureValue, over: basic.reader.encoded(basic.tbsResponseData), key: key,
            signatureAlgorithm: algorithm)
        {
        case .valid:
            return [.pass(observed: "\(algorithm) verified with the \(signer.origin) responder certificate's key")]
        case .invalid(let reason):
            return [
                .fail(
                    observed: reason, location: "signature",
                    message:
                        "the response's signature does not verify with the responder's key: it was altered or signed by another key"
                )
            ]
        case .unusable(let reason): return [.notChecked(because: reason)]
        }
    }

    /// The signer is the CA that issued the certificates or a responder it delegated (id-kp-OCSPSigning, issued
    /// directly by that CA).
    static let authorisedSigner = basic("REV-110") { basic, item, _ in
        guard item.signer != nil else {
            return [.notChecked(because: "the signing certificate is neither in the response nor supplied (--issuer)")]
        }
        var findings: [Finding] = []
        for (position, judgement) in item.delegations.enumerated() {
            switch judgement {
            case .ca, .delegated: continue
            case .unverifiable(let reason): return [.notChecked(because: reason)]
            case .refused(let observed, let message):
                findings.append(
                    .fail(
                        observed: observed, location: "responses[\(position)] / responder certificate", message: message
                    ))
            }
        }
        if !findings.isEmpty { return findings }
        switch item.delegations.first {
        case .ca?: return [.pass(observed: "signed by the CA that issued the certificate(s)")]
        case .delegated(true, let note)?: return [.pass(observed: "a delegated responder of the issuing CA; \(note)")]
        case .delegated(false, let note)?: return [.notChecked(because: note)]
        default: return []
        }
    }

    /// A delegated responder's certificate carries id-pkix-ocsp-nocheck (a "should"; CA/B TLS BR §4.9.9 makes it a
    /// "must").
    static let responderNoCheck = basic("REV-111") { basic, item, _ in
        guard let certificate = item.signer?.certificate else {
            return [.notChecked(because: "the signing certificate is neither in the response nor supplied (--issuer)")]
        }
        guard case .delegated? = item.delegations.first else {
            return [.notApplicable(because: "not signed by a delegated responder")]
        }
        let noCheck = certificate.tbs.extensions.contains { $0.oid == [1, 3, 6, 1, 5, 5, 7, 48, 1, 5] }
        return noCheck
            ? [.pass(observed: "id-pkix-ocsp-nocheck present")]
            : [
                .fail(
                    observed: "no id-pkix-ocsp-nocheck", location: "responder certificate extensions",
                    message:
                        "without id-pkix-ocsp-nocheck a client may try to check the responder's own status, with no defined end"
                )
            ]
    }

    /// nextUpdate present; validity interval from 8 hours to 10 days.
    static let tlsValidityInterval = basic("REV-130") { basic, _, _ in
        var findings: [Finding] = []
        var shortest: Int64?
        var longest: Int64?
        for (position, single) in basic.responses.enumerated() {
            let location = "responses[\(position)]"
            guard let next = single.nextUpdate else {
                findings.append(
                    .fail(
                        observed: "no nextUpdate", location: location,
                        message: "a TLS issuer's OCSP response states how long it is valid (nextUpdate)"))
                continue
            }
            guard let end = next.secondsSince1970, let start = single.thisUpdate.secondsSince1970 else { continue }
            // The BR count the interval inclusively (RFC 5019 §4.2: thisUpdate and nextUpdate both count).
            let interval = end - start + 1
            let observed =
                "validity interval \(CRLUpdatePolicyRules.interval(interval)) (thisUpdate \(single.thisUpdate.text), "
                + "nextUpdate \(next.text))"
            shortest = min(shortest ?? interval, interval)
            longest = max(longest ?? interval, interval)
            if interval > 10 * 86_400 {
                findings.append(
                    .fail(
                        observed: observed, expected: "at most 10 days", location: location + ".nextUpdate",
                        message: "a TLS issuer's OCSP response is valid for at most ten days"))
            } else if interval < 8 * 3600 {
                findings.append(
                    .fail(
                        observed: observed, expected: "at least 8 hours", location: location + ".nextUpdate",
                        message: "a TLS issuer's OCSP response is valid for at least eight hours"))
            }
        }
        guard findings.isEmpty, let shortest, let longest else { return findings }
        let range =
            shortest == longest
            ? CRLUpdatePolicyRules.interval(shortest)
            : "\(CRLUpdatePolicyRules.interval(shortest)) to \(CRLUpdatePolicyRules.interval(longest))"
        return [.pass(observed: "validity interval \(range), within 8 hours to 10 days")]
    }
}
