import AuditCore
import Certificates
import Foundation
import SwiftASN1
import TrustedLists

/// The TSU certificate and its chain (EN 319 422 §6, RFC 3161 §2.3) and its qualified status on
/// a trusted list (TST-050 … TST-071). Profile rules of certificates are reused, not repeated.
enum TSUCertificateRules {
    static let all: [Rule<InspectedTimestamp>] = [
        available, extendedKeyUsage, keyUsage, subject, validAtGenTime, chain,
        qualifiedService, qualifiedStatusConsistency,
    ]

    static func withSigner(
        _ id: RequirementID,
        _ body:
            @escaping @Sendable (InspectedCertificate, TimeStampToken, InspectedTimestamp, EvaluationContext) ->
            [Finding]
    ) -> Rule<InspectedTimestamp> {
        TimestampRules.withToken(id) { token, item, context in
            guard let signer = item.signer else {
                return [.notChecked(id, because: "the TSU certificate is not available (see TST-050)")]
            }
            return body(signer.certificate, token, item, context)
        }
    }

    /// Re-labels a certificate rule's findings as the time-stamp requirement that imports it.
    static func reuse(
        _ certificateRequirement: RequirementID, _ certificate: InspectedCertificate,
        _ context: EvaluationContext, cap: Grade? = nil
    ) -> [Finding] {
        guard let rule = CertificateRules.all[certificateRequirement] else { return [] }
        return rule.evaluate(certificate, in: context).map { finding in
            var relabelled = finding
            relabelled.requirement = .ofReturningRule
            if finding.outcome == .fail, let cap { relabelled.gradeCap = cap }
            relabelled.message = finding.message.map { "TSU certificate (\(certificateRequirement)): \($0)" }
            return relabelled
        }
    }

    /// The signer's certificate is in the token or supplied.
    static let available = TimestampRules.withToken("TST-050") { token, item, _ in
        if let signer = item.signer {
            return [
                .pass(
                    observed:
                        "TSU certificate from the \(signer.origin == "token" ? "token" : "supplied certificates (--tsu)")"
                )
            ]
        }
        return [
            .fail(
                observed:
                    "\(token.certificates.count) certificate(s) in the token, \(item.inputs.tsuCertificates.count) supplied",
                location: "SignerInfo.sid",
                message: "no certificate matches the signer identifier; supply the TSU certificate with --tsu")
        ]
    }

    /// Critical EKU with timeStamping only (CERT-190).
    static let extendedKeyUsage = withSigner("TST-051") { signer, _, _, context in reuse("CERT-190", signer, context) }

    /// keyUsage digitalSignature/nonRepudiation only (CERT-191; should here).
    static let keyUsage = withSigner("TST-052") { signer, _, _, context in
        reuse("CERT-191", signer, context, cap: .minor)
    }

    /// The subject names the country and the organisation.
    static let subject = withSigner("TST-053") { signer, _, _, _ in
        guard let certificate = signer.certificate else {
            return [.notChecked(because: "TSU certificate not decodable")]
        }
        let names = DistinguishedName.AttributeType.self
        let missing = [(names.countryName, "countryName"), (names.organizationName, "organizationName")]
            .filter { certificate.tbs.subject.value($0.0) == nil }.map(\.1)
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: "missing " + missing.joined(separator: ", "), location: "TSU subject",
                    message: "the TSU certificate must name the TSA's country and organisation")
            ]
    }

    /// genTime inside the TSU certificate's validity.
    static let validAtGenTime = withSigner("TST-057") { signer, token, _, _ in
        guard let certificate = signer.certificate, let info = try? token.tstInfo.get(), let time = info.genTime,
            let start = certificate.tbs.notBefore.secondsSince1970, let end = certificate.tbs.notAfter.secondsSince1970
        else { return [.notChecked(because: "genTime or the TSU validity cannot be read")] }
        let observed =
            "genTime \(info.genTimeText); TSU valid \(certificate.tbs.notBefore.text)–\(certificate.tbs.notAfter.text)"
        if let inversion = CertificateTime.inversion(notBefore: start, notAfter: end) {
            return [
                .fail(
                    observed: observed, location: "TSU certificate validity",
                    message: "the TSU certificate's validity is inverted (\(inversion)): no genTime lies inside it")
            ]
        }
        return (start...end).contains(time)
            ? [.pass(observed: observed)]
            : [
                .fail(
                    observed: observed, location: "TSTInfo.genTime",
                    message: "the token was issued outside the TSU certificate's validity")
            ]
    }

    /// The TSU certificate chains to a supplied TSA CA (`--ca`), valid at genTime.
    static let chain = withSigner("TST-058") { signer, token, item, _ in
        guard let anchors = item.inputs.anchors else { return [.notChecked(because: "no TSA CA supplied (--ca)")] }
        guard let certificate = signer.certificate else {
            return [.notChecked(because: "TSU certificate not decodable")]
        }
        let aki = (try? signer.extensions?.authorityKeyIdentifier?.get())?.keyIdentifier
        let genTime = (try? token.tstInfo.get())?.genTime
        for issuer in anchors.candidates(for: certificate, authorityKeyIdentifier: aki) {
            guard
                case .valid = item.inputs.cache.verify(
                    certificate: certificate.encoded,
                    issuerSubjectPublicKeyInfo: issuer.certificate.tbs.subjectPublicKeyInfo)
            else { continue }
            if let genTime, let start = issuer.certificate.tbs.notBefore.secondsSince1970,
                let end = issuer.certificate.tbs.notAfter.secondsSince1970
            {
                let observed =
                    "TSA CA valid \(issuer.certificate.tbs.notBefore.text)–\(issuer.certificate.tbs.notAfter.text)"
                // A --ca certificate is input like any other: an inverted validity is a finding, not a range.
                if let inversion = CertificateTime.inversion(notBefore: start, notAfter: end) {
                    return [
                        .fail(
                            observed: observed, location: "TSU issuer",
                            message: "the TSA CA's validity is inverted (\(inversion)): it was not valid at genTime")
                    ]
                }
                if !(start...end).contains(genTime) {
                    return [
                        .fail(
                            observed: observed, location: "TSU issuer", message: "the TSA CA was not valid at genTime")
                    ]
                }
            }
            return [.pass(observed: "TSU certificate verified with a supplied TSA CA")]
        }
        return [
            .fail(
                observed:
                    "issuer of the TSU certificate not among the \(anchors.count) supplied CA(s), or its signature does not verify",
                location: "TSU certificate", message: "the TSU certificate does not chain to a supplied TSA CA")
        ]
    }

    /// The TSA/QTST services that speak for the TSU at genTime, with how it was matched: the
    /// TSU certificate as the service's digital identity, or — as many lists name the TSA's CA
    /// instead (44 of 487 QTST identities in the 2019 EU snapshot) — the CA that issued the TSU
    /// certificate, matched by authorityKeyIdentifier or, without one, by issuer name.
    static func qtstStatus(_ item: InspectedTimestamp, _ certificate: Certificate, _ genTime: Int64)
        -> (statuses: [QualificationStatus], match: String)?
    {
        guard let store = item.inputs.trustedLists, let signer = item.signer,
            let extensions = signer.certificate.extensions
        else { return nil }
        func statuses(_ entries: [TrustedListStore.Entry]) -> [QualificationStatus] {
            entries.map {
                QualificationStatus(entry: $0, certificate: certificate, extensions: extensions, at: genTime)
            }
        }
        let direct = store.services(identifiedBy: certificate, serviceType: TrustedListURI.serviceTypeQTST)
        if !direct.isEmpty { return (statuses(direct), "the TSU certificate is the service's digital identity") }
        let aki = (try? extensions.authorityKeyIdentifier?.get())?.keyIdentifier
        let byIssuer = store.issuerServices(
            of: certificate, authorityKeyIdentifier: aki, serviceType: TrustedListURI.serviceTypeQTST)
        let how = aki == nil ? "issuer name" : "authorityKeyIdentifier"
        return (statuses(byIssuer), "the TSU's issuing CA is the service's digital identity (matched by \(how))")
    }

    /// TST-070/071: TS 119 612 §5.5 with TS 119 615 — the TSU is a TSA/QTST service granted at
    /// genTime (evaluated only with --trusted-lists).
    static let qualifiedService = withSigner("TST-071") { signer, token, item, _ in
        guard item.inputs.trustedLists != nil else {
            return [.notChecked(because: "no trusted lists supplied (--trusted-lists)")]
        }
        guard let certificate = signer.certificate, let genTime = (try? token.tstInfo.get())?.genTime,
            let (statuses, match) = qtstStatus(item, certificate, genTime)
        else { return [.notChecked(because: "genTime or the TSU certificate cannot be read")] }
        guard !statuses.isEmpty else {
            return [
                .notApplicable(
                    because:
                        "neither the TSU nor its issuing CA is a TSA/QTST service on the supplied lists (not claimed qualified)"
                )
            ]
        }
        if let granted = statuses.first(where: \.isGranted) { return [.pass(observed: granted.summary + "; " + match)] }
        return [
            .fail(
                observed: statuses.map(\.summary).joined(separator: " | ") + "; " + match, location: "trusted list",
                message: "the TSA/QTST service was not granted at genTime"
                    + (item.inputs.trustedLists?.provenance ?? ""))
        ]
    }

    /// esi4 claims qualified; the trusted list must agree.
    static let qualifiedStatusConsistency = withSigner("TST-073") { signer, token, item, _ in
        guard item.inputs.trustedLists != nil else {
            return [.notChecked(because: "no trusted lists supplied (--trusted-lists)")]
        }
        guard let certificate = signer.certificate, let info = try? token.tstInfo.get(), let genTime = info.genTime,
            let (statuses, _) = qtstStatus(item, certificate, genTime)
        else { return [.notChecked(because: "genTime or the TSU certificate cannot be read")] }
        let esi4: [UInt8] = [0x06, 0x07, 0x04, 0x00, 0x81, 0x97, 0x5E, 0x01, 0x01]
        let claims = info.extensions.contains {
            $0.oid == [1, 3, 6, 1, 5, 5, 7, 1, 3] && $0.value.firstRange(of: esi4) != nil
        }
        let granted = statuses.contains(where: \.isGranted)
        switch (claims, granted) {
        case (true, false):
            return [
                .fail(
                    observed: "esi4-qtstStatement-1 present; no granted TSA/QTST service at genTime",
                    location: "TSTInfo.extensions",
                    message: "the token claims to be qualified but the TSU is not a granted QTST service")
            ]
        case (false, true):
            return [
                .shouldFail(
                    observed: "granted TSA/QTST service; no esi4-qtstStatement-1", location: "TSTInfo.extensions",
                    message: "a qualified time-stamp should carry esi4-qtstStatement-1 (EN 319 422 §9.1)")
            ]
        default:
            return [.pass(observed: claims ? "qualified claim confirmed" : "not claimed, not listed")]
        }
    }
}
