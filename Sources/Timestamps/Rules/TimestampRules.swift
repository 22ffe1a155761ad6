import AuditCore
import Certificates
import SwiftASN1

/// Every time-stamp rule of this module, one per requirement (RFC 3161, RFC 5652, RFC 5816,
/// ETSI EN 319 422).
public enum TimestampRules {
    public static let all = RuleSet<InspectedTimestamp>(
        [
            tokenIsDER, responseStatus, signedDataVersion, signedDataForm, singleSigner, contentTypeAndDigest,
            signature, signingCertificatePresent,
            signingCertificateMatch, signingCertificateV1, algorithms, tsuKeySize,
        ]
            + TSTInfoRules.all + TSUCertificateRules.all)

    /// Builds a rule that needs the decoded token; without one it is not checked (or, for a
    /// rejection response, not applicable).
    static func withToken(
        _ id: RequirementID,
        _ body: @escaping @Sendable (TimeStampToken, InspectedTimestamp, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedTimestamp> {
        Rule(id) { item, context in
            switch item.token {
            case .success(let token)?: return body(token, item, context)
            case .failure(let error)?: return [.notChecked(id, because: "the token cannot be decoded: \(error)")]
            case nil: return [.notApplicable(id, because: "the response carries no token")]
            }
        }
    }

    /// The token and its TSTInfo are DER, nothing follows the token.
    static let tokenIsDER = Rule<InspectedTimestamp>("TST-001") { item, _ in
        var findings = item.derScan.violations.map {
            Finding.fail(observed: $0.message, expected: "DER", location: $0.location, message: $0.message)
        }
        switch item.tstInfo {
        case .success:
            findings += (item.tstInfoScan?.violations ?? []).map {
                .fail(
                    observed: $0.message, expected: "DER", location: "TSTInfo \($0.location)",
                    message: "TSTInfo: \($0.message)")
            }
        case .failure(let error):
            if item.token != nil || item.status == nil {
                findings.append(
                    .fail(
                        observed: error.reason, location: error.location,
                        message: "the TSTInfo cannot be located: \(error.reason)"))
            }
        }
        return findings
    }

    /// Granted (0/1) with a token; any other status is a rejection (reported with statusString and failInfo).
    static let responseStatus = Rule<InspectedTimestamp>("TST-002") { item, _ in
        guard let status = item.status else { return [.notApplicable(because: "a bare token (no TimeStampResp)")] }
        let observed =
            "status \(status.status.map(String.init) ?? "?")"
            + (status.failures.isEmpty ? "" : ", failInfo \(status.failures.joined(separator: ","))")
            + (status.statusStrings.isEmpty ? "" : ", \"\(status.statusStrings.joined(separator: " "))\"")
        switch status.status {
        case 0?, 1?:
            return status.hasToken
                ? [.pass(observed: observed)]
                : [
                    .fail(
                        observed: observed, location: "TimeStampResp",
                        message: "a granted response must carry the token")
                ]
        default:
            return [
                .fail(
                    observed: observed, location: "TimeStampResp.status",
                    message: "the TSA rejected the request: no time-stamp was issued")
            ]
        }
    }

    /// SignedData version 3.
    static let signedDataVersion = withToken("TST-010") { token, _, _ in
        token.version == 3
            ? []
            : [
                .fail(
                    observed: "SignedData version \(token.version.map(String.init) ?? "?")", expected: "3",
                    location: "SignedData.version", message: "SignedData version must be 3")
            ]
    }

    /// eContentType id-ct-TSTInfo, encapsulated.
    static let signedDataForm = withToken("TST-011") { token, _, _ in
        token.eContentType == TimeStampToken.tstInfoType
            ? []
            : [
                .fail(
                    observed: "\(token.eContentType)", expected: "1.2.840.113549.1.9.16.1.4",
                    location: "SignedData.encapContentInfo", message: "eContentType is not id-ct-TSTInfo")
            ]
    }

    /// Exactly one SignerInfo.
    static let singleSigner = withToken("TST-012") { token, _, _ in
        token.signerInfos.count == 1
            ? []
            : [
                .fail(
                    observed: "\(token.signerInfos.count) SignerInfo(s)", expected: "1",
                    location: "SignedData.signerInfos",
                    message: "a time-stamp token carries exactly the TSA's signature")
            ]
    }

    /// signedAttrs with contentType id-ct-TSTInfo and a messageDigest equal to the hash of the TSTInfo.
    static let contentTypeAndDigest = withToken("TST-013") { token, _, _ in
        guard let info = token.signerInfos.first else { return [.notChecked(because: "no SignerInfo")] }
        var findings: [Finding] = []
        let contentType = info.attribute(TimeStampToken.contentTypeAttribute)?.values.first.flatMap(LenientASN1.oid)
        if contentType != TimeStampToken.tstInfoType {
            findings.append(
                .fail(
                    observed: contentType.map { "\($0)" } ?? "absent", expected: "id-ct-TSTInfo",
                    location: "signedAttrs.contentType", message: "the contentType attribute must be id-ct-TSTInfo"))
        }
        guard let value = info.attribute(TimeStampToken.messageDigestAttribute)?.values.first,
            case .primitive(let digest) = value.content
        else {
            return findings + [
                .fail(
                    observed: "absent", location: "signedAttrs.messageDigest",
                    message: "the messageDigest attribute is missing")
            ]
        }
        guard let computed = MessageDigest.digest(info.digestAlgorithm, token.eContent) else {
            return findings + [.notChecked(because: "digest algorithm \(info.digestAlgorithm) is not supported")]
        }
        if !computed.elementsEqual(digest) {
            findings.append(
                .fail(
                    observed: "messageDigest \(hexString(digest)), TSTInfo hashes to \(hexString(computed))",
                    location: "signedAttrs.messageDigest",
                    message: "the TSTInfo was altered after signing: its hash differs from the signed messageDigest"))
        }
        return findings
    }

    /// The signature over the signed attributes verifies with the TSU key.
    static let signature = withToken("TST-014") { token, item, _ in
        guard let info = token.signerInfos.first, let signed = info.signedAttributesForSignature else {
            return [.notChecked(because: "no SignerInfo with signed attributes")]
        }
        guard let signer = item.signer?.certificate.certificate else {
            return [.notChecked(because: "the TSU certificate is not available (see TST-050)")]
        }
        guard let key = item.inputs.cache.key(signer.tbs.subjectPublicKeyInfo) else {
            return [.notChecked(because: "OpenSSL cannot use the TSU key")]
        }
        if info.signatureAlgorithm == [1, 2, 840, 113_549, 1, 1, 10] {
            return [.notChecked(because: "RSASSA-PSS signer infos are not verified yet")]
        }
        switch SignatureVerification.verify(
            signature: info.signature, over: signed, key: key, digest: info.digestAlgorithm)
        {
        case .valid: return [.pass(observed: "\(info.signatureAlgorithm) verified with the TSU key")]
        case .invalid(let reason):
            return [
                .fail(
                    observed: reason, location: "SignerInfo.signature", message: "the token signature does not verify")
            ]
        case .unusable(let reason): return [.notChecked(because: reason)]
        }
    }

    static func essCertificates(_ info: TimeStampToken.SignerInfo) -> (
        version: Int, hashAlgorithm: ASN1ObjectIdentifier, hash: ArraySlice<UInt8>, issuerSerial: ASN1Node?
    )? {
        for (version, type) in [(2, TimeStampToken.signingCertificateV2), (1, TimeStampToken.signingCertificate)] {
            // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … }
            guard let value = info.attribute(type)?.values.first, let certs = LenientASN1.children(value).first,
                let first = LenientASN1.children(certs).first
            else { continue }
            var parts = LenientASN1.children(first)[...]
            var algorithm: ASN1ObjectIdentifier =
                version == 2 ? [2, 16, 840, 1, 101, 3, 4, 2, 1] : [1, 3, 14, 3, 2, 26]
            if version == 2, let head = parts.first, head.identifier == .sequence {
                algorithm = LenientASN1.children(head).first.flatMap(LenientASN1.oid) ?? algorithm
                parts = parts.dropFirst()
            }
            guard let hashNode = parts.first, case .primitive(let hash) = hashNode.content else { continue }
            return (version, algorithm, hash, parts.dropFirst().first)
        }
        return nil
    }

    /// A signing-certificate attribute.
    static let signingCertificatePresent = withToken("TST-015") { token, _, _ in
        guard let info = token.signerInfos.first else { return [.notChecked(because: "no SignerInfo")] }
        return essCertificates(info) != nil
            ? []
            : [
                .fail(
                    observed: "absent", expected: "SigningCertificateV2 (or SigningCertificate)",
                    location: "signedAttrs",
                    message: "the token does not name its signing certificate (ESS signing-certificate attribute)")
            ]
    }

    /// The ESSCertID hash is the hash of the TSU certificate.
    static let signingCertificateMatch = withToken("TST-016") { token, item, _ in
        guard let info = token.signerInfos.first, let ess = essCertificates(info) else {
            return [.notChecked(because: "no ESS signing-certificate attribute (TST-015)")]
        }
        guard let signer = item.signer?.certificate else {
            return [.notChecked(because: "the TSU certificate is not available")]
        }
        guard let hash = MessageDigest.digest(ess.hashAlgorithm, signer.bytes) else {
            return [.notChecked(because: "hash algorithm \(ess.hashAlgorithm) is not supported")]
        }
        return hash.elementsEqual(ess.hash)
            ? [.pass(observed: "ESSCertID\(ess.version == 2 ? "v2" : "") matches the TSU certificate")]
            : [
                .fail(
                    observed: "ESSCertID hash \(hexString(ess.hash)), certificate hash \(hexString(hash))",
                    location: "signedAttrs.signingCertificate",
                    message: "the signing-certificate attribute names another certificate than the signer's")
            ]
    }

    /// EN 319 422 §5.2.2 allows ESSCertID v1 (SHA-1); reported for the auditor.
    static let signingCertificateV1 = withToken("TST-017") { token, _, _ in
        guard let info = token.signerInfos.first, let ess = essCertificates(info) else {
            return [.notApplicable(because: "no ESS signing-certificate attribute")]
        }
        return ess.version == 1
            ? [
                .fail(
                    observed: "SigningCertificate (ESSCertID, SHA-1)", expected: "SigningCertificateV2",
                    location: "signedAttrs", message: "ESSCertID v1 (SHA-1) is used; v2 is preferred")
            ] : []
    }

    static let weakDigests: Set<ASN1ObjectIdentifier> = [
        [1, 3, 14, 3, 2, 26], [1, 2, 840, 113_549, 2, 5], [1, 3, 36, 3, 2, 1],
    ]
    static let weakSignatures: Set<ASN1ObjectIdentifier> = [
        [1, 2, 840, 113_549, 1, 1, 5], [1, 2, 840, 113_549, 1, 1, 4], [1, 2, 840, 10_045, 4, 1],
        [1, 2, 840, 10_040, 4, 3],
    ]

    /// No SHA-1/MD5 digest or signature.
    static let algorithms = withToken("TST-019") { token, _, _ in
        guard let info = token.signerInfos.first else { return [.notChecked(because: "no SignerInfo")] }
        if weakDigests.contains(info.digestAlgorithm) || weakSignatures.contains(info.signatureAlgorithm) {
            return [
                .fail(
                    observed: "digest \(info.digestAlgorithm), signature \(info.signatureAlgorithm)",
                    expected: "SHA-2/SHA-3 based", location: "SignerInfo",
                    message: "the token is signed with an algorithm ETSI TS 119 312 no longer accepts (SHA-1/MD5)")
            ]
        }
        return [.pass(observed: "digest \(info.digestAlgorithm), signature \(info.signatureAlgorithm)")]
    }

    /// TSU key of at least 2048 bits (RSA) or 256 bits (EC).
    static let tsuKeySize = withToken("TST-020") { _, item, _ in
        guard let key = try? item.signer?.certificate.extensions?.publicKey.get() else {
            return [.notChecked(because: "the TSU certificate is not available")]
        }
        if let bits = key.rsaModulusBits, bits < 2048 {
            return [
                .fail(
                    observed: "\(key)", expected: "RSA ≥ 2048 bits", location: "TSU subjectPublicKeyInfo",
                    message: "the TSU key is too short for ETSI TS 119 312")
            ]
        }
        return [.pass(observed: "\(key)")]
    }
}
