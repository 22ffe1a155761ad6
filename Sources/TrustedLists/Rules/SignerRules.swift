import AuditCore
import Certificates
import Foundation
import SwiftASN1

/// XAdES properties of the list signature and the authentication of the list by its LOTL and
/// the Official Journal (TS 119 612 5.7, B.1.1, Annex A; TL-054 … TL-073).
enum SignerRules {
    static let all: [Rule<InspectedTrustedList>] = [
        qualifyingProperties, signingTime, signingCertificateVersion, signingCertificateMatch, keyInfoContents,
        signerIssuer,
        officialJournal, pivots, pointerQualifiers,
    ]

    /// The single ds:Signature element of the list, with the parsed view.
    static func withSignature(
        _ id: RequirementID,
        _ body: @escaping @Sendable (ParsedElement, ListView, InspectedTrustedList, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        ListRule.make(id) { list, item, context in
            let signatures = list.root.children("Signature").filter { $0.namespace == TrustedListSignature.dsig }
            guard signatures.count == 1 else { return [.notChecked(id, because: "no single ds:Signature (TL-050)")] }
            return body(signatures[0], list, item, context)
        }
    }

    static func signedProperties(_ signature: ParsedElement) -> ParsedElement? {
        signature.children("Object").lazy.compactMap { $0.path("QualifyingProperties", "SignedProperties") }.first
    }

    /// QualifyingProperties targets this signature and holds SignedProperties.
    static let qualifyingProperties = withSignature("TL-054") { signature, _, _, _ in
        let properties = signature.children("Object").compactMap { $0.child("QualifyingProperties") }
        guard let qualifying = properties.first else {
            return [
                .fail(
                    observed: "no xades:QualifyingProperties", location: "ds:Signature/ds:Object",
                    message: "the signature has no XAdES qualifying properties")
            ]
        }
        let target = qualifying.attribute("Target")
        let expected = signature.attribute("Id").map { "#" + $0 }
        var problems: [String] = []
        if expected == nil || target != expected {
            problems.append("Target \(target ?? "absent") for signature Id \(signature.attribute("Id") ?? "absent")")
        }
        if qualifying.child("SignedProperties") == nil { problems.append("no SignedProperties") }
        return problems.isEmpty
            ? []
            : [
                .fail(
                    observed: problems.joined(separator: "; "),
                    expected: "Target=\"#<ds:Signature Id>\" and SignedProperties",
                    location: "ds:Signature/ds:Object/xades:QualifyingProperties",
                    message: "the XAdES properties are not bound to this signature")
            ]
    }

    /// SigningTime present and within the signer certificate's validity.
    static let signingTime = withSignature("TL-056") { signature, _, item, _ in
        guard let text = signedProperties(signature)?.path("SignedSignatureProperties", "SigningTime")?.text else {
            return [
                .fail(
                    observed: "no SigningTime", location: "xades:SignedSignatureProperties",
                    message: "the signature does not state its signing time")
            ]
        }
        guard let time = DateTimeText.seconds(text) else {
            return [
                .fail(
                    observed: "\"\(text)\"", location: "xades:SigningTime",
                    message: "the signing time is not a date-time")
            ]
        }
        guard let certificate = item.signer?.certificate else {
            return [.notChecked(because: "no decodable signer certificate")]
        }
        guard let notBefore = certificate.tbs.notBefore.secondsSince1970,
            let notAfter = certificate.tbs.notAfter.secondsSince1970
        else {
            return [.notChecked(because: "the signer certificate's validity cannot be read")]
        }
        if let inversion = CertificateTime.inversion(notBefore: notBefore, notAfter: notAfter) {
            return [
                .fail(
                    observed: "SigningTime \(text)", location: "xades:SigningTime",
                    message:
                        "the signer certificate's validity is inverted (\(inversion)): no signing time lies inside it")
            ]
        }
        return (notBefore...notAfter).contains(time)
            ? [.pass(observed: "SigningTime \(text)")]
            : [
                .fail(
                    observed: "SigningTime \(text)",
                    expected:
                        "within \(CertificateTime.iso8601(secondsSince1970: notBefore)) … \(CertificateTime.iso8601(secondsSince1970: notAfter))",
                    location: "xades:SigningTime",
                    message: "the list was signed outside the signer certificate's validity")
            ]
    }

    /// A TLv6 signature uses SigningCertificateV2 and none of the V1 properties.
    static let signingCertificateVersion = withSignature("TL-057") { signature, list, _, _ in
        guard list.versionIdentifier == "6" else { return [.notApplicable(because: "not a version 6 list")] }
        let properties = signedProperties(signature)?.child("SignedSignatureProperties")
        var problems: [String] = []
        if properties?.child("SigningCertificateV2") == nil { problems.append("no SigningCertificateV2") }
        for v1 in ["SigningCertificate", "SignatureProductionPlace", "SignerRole"] where properties?.child(v1) != nil {
            problems.append("\(v1) (V1)")
        }
        return problems.isEmpty
            ? []
            : [
                .fail(
                    observed: problems.joined(separator: ", "), expected: "SigningCertificateV2 only",
                    location: "xades:SignedSignatureProperties",
                    message: "a version 6 list must be signed with the V2 XAdES properties")
            ]
    }

    /// The serial number's decimal text (for X509SerialNumber).
    static func decimal(_ bytes: ArraySlice<UInt8>) -> String {
        var digits: [UInt8] = [0]
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                let value = Int(digits[index]) * 256 + carry
                digits[index] = UInt8(value % 10)
                carry = value / 10
            }
            while carry > 0 {
                digits.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        return String(digits.reversed().map { Character(String($0)) })
    }

    /// The SigningCertificate(V2) digest and issuer/serial name the KeyInfo certificate.
    static let signingCertificateMatch = withSignature("TL-058") { signature, _, item, _ in
        let properties = signedProperties(signature)?.child("SignedSignatureProperties")
        guard let reference = properties?.child("SigningCertificateV2") ?? properties?.child("SigningCertificate")
        else {
            return [.notApplicable(because: "no SigningCertificate(V2) property")]
        }
        guard let der = item.signature?.signerCertificate, let certificate = item.signer?.certificate else {
            return [.notChecked(because: "no decodable ds:KeyInfo certificate")]
        }
        let certs = reference.children("Cert")
        var problems: [String] = []
        let matching = certs.contains { cert in
            let algorithm = cert.path("CertDigest", "DigestMethod")?.attribute("Algorithm") ?? ""
            guard let oid = TrustedListSignature.digests[algorithm],
                let value = cert.path("CertDigest", "DigestValue").flatMap({
                    Data(base64Encoded: $0.text, options: .ignoreUnknownCharacters)
                }),
                MessageDigest.digest(oid, der) == [UInt8](value)
            else { return false }
            if let v2 = cert.child("IssuerSerialV2").flatMap({
                Data(base64Encoded: $0.text, options: .ignoreUnknownCharacters)
            }) {
                guard issuerSerialV2([UInt8](v2), names: certificate) else {
                    problems.append("IssuerSerialV2 does not name the KeyInfo certificate")
                    return false
                }
            } else if let serial = cert.path("IssuerSerial", "X509SerialNumber")?.text,
                serial != decimal(certificate.tbs.serialNumber)
            {
                problems.append("X509SerialNumber \(serial.prefix(40)) is not the KeyInfo certificate's serial")
                return false
            }
            return true
        }
        if matching { return [.pass(observed: "\(reference.name) names the ds:KeyInfo certificate")] }
        return [
            .fail(
                observed: problems.first ?? "no Cert whose CertDigest is the digest of the ds:KeyInfo certificate",
                expected: "CertDigest and issuer/serial of the ds:KeyInfo certificate",
                location: "xades:\(reference.name)",
                message:
                    "the signed signing-certificate reference does not name the certificate that verifies the signature"
            )
        ]
    }

    /// IssuerSerialV2 (RFC 5035 IssuerSerial, DER): GeneralNames with the issuer's directoryName
    /// and the serial number.
    static func issuerSerialV2(_ der: [UInt8], names certificate: Certificate) -> Bool {
        guard let root = try? DER.parse(der), case .constructed(let parts) = root.content else { return false }
        let children = Array(parts)
        guard children.count >= 2, case .constructed(let names) = children[0].content,
            case .primitive(let serial) = children[1].content
        else { return false }
        let directoryNames = names.compactMap { name -> ArraySlice<UInt8>? in
            guard case .constructed(let inner) = name.content, let value = Array(inner).first else { return nil }
            return value.encodedBytes
        }
        return serial == certificate.tbs.serialNumber && directoryNames.contains(certificate.tbs.issuer.encoded)
    }

    /// Ds:KeyInfo carries the signer certificate only.
    static let keyInfoContents = withSignature("TL-060") { signature, _, _, _ in
        let certificates =
            signature.child("KeyInfo")?.children("X509Data").flatMap { $0.children("X509Certificate") } ?? []
        return certificates.count <= 1
            ? []
            : [
                .fail(
                    observed: "\(certificates.count) certificates", expected: "the signer certificate only",
                    location: "ds:Signature/ds:KeyInfo",
                    message: "KeyInfo should carry only the list signer's certificate, not a chain")
            ]
    }

    /// The signer certificate is self-issued or issued by a CA the list itself lists.
    static let signerIssuer = withSignature("TL-067") { _, list, item, _ in
        guard let certificate = item.signer?.certificate else {
            return [.notChecked(because: "no decodable signer certificate")]
        }
        if certificate.tbs.issuer.encoded == certificate.tbs.subject.encoded {
            return [.pass(observed: "self-issued signer certificate")]
        }
        let listed = list.services.contains { service in
            ServiceRules.Identity(service.information?.child("ServiceDigitalIdentity"), list.certificates).certificates
                .contains {
                    $0.certificate?.tbs.subject.encoded == certificate.tbs.issuer.encoded
                }
        }
        return listed
            ? [.pass(observed: "issued by a CA listed in this list")]
            : [
                .fail(
                    observed: "issuer not listed in this list", location: "ds:KeyInfo issuer",
                    message:
                        "the signer certificate is issued by a CA that is neither the operator itself nor listed in the list"
                )
            ]
    }

    /// Rules on the walk from the OJ certificates to an EU LOTL (`--anchors`).
    static func withAuthentication(
        _ id: RequirementID, _ body: @escaping @Sendable (LOTLAuthentication.Outcome, TrustedListSignature) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        withSignature(id) { _, list, item, _ in
            guard list.isEULOTL else { return [.notApplicable(id, because: "not the EU list of trusted lists")] }
            guard item.authentication != nil else {
                return [.notChecked(id, because: "no OJ certificates supplied (--anchors)")]
            }
            guard let signature = item.signature, let outcome = item.authenticationOutcome else {
                return [.notChecked(id, because: "no signature")]
            }
            if let problem = outcome.problem { return [.notChecked(id, because: problem)] }
            return body(outcome, signature)
        }
    }

    /// Annex A NOTE 4 — an EU LOTL verifies with the OJ certificates, directly or through the pivots (`--anchors`).
    static let officialJournal = withAuthentication("TL-070") { outcome, signature in
        guard !outcome.keys.isEmpty else {
            return [
                .fail(
                    observed: outcome.steps.last?.detail ?? outcome.keySource, location: "SchemeInformationURI",
                    message: "the pivot chain from the OJ certificates breaks, so the LOTL is not authenticated")
            ]
        }
        switch signature.verify(with: outcome.keys) {
        case .valid: return [.pass(observed: "verifies with \(outcome.keySource)")]
        case .invalid(let reason), .unusable(let reason):
            return [
                .fail(
                    observed: "does not verify with \(outcome.keySource) (\(reason))", location: "ds:SignatureValue",
                    message: "the LOTL is not signed with a key announced in the Official Journal or a pivot LOTL")
            ]
        }
    }

    /// The Commission's pivot mechanism — every pivot verifies with the key set of the one before it.
    static let pivots = withAuthentication("TL-071") { outcome, _ in
        if outcome.steps.isEmpty && !outcome.keys.isEmpty {
            return [.notApplicable(because: "the OJ certificates verify the LOTL directly")]
        }
        if outcome.steps.isEmpty {
            return [
                .fail(
                    observed: outcome.keySource, location: "SchemeInformationURI",
                    message: "no pivot LOTL leads from the OJ certificates to this LOTL")
            ]
        }
        if let broken = outcome.steps.first(where: { !$0.verified }) {
            return [
                .fail(
                    observed: broken.detail, location: "SchemeInformationURI",
                    message: "a pivot LOTL does not verify with its predecessor's keys")
            ]
        }
        return [.pass(observed: outcome.steps.map(\.detail).joined(separator: "; "))]
    }

    /// The LOTL's pointer describes this list as it is.
    static let pointerQualifiers = ListRule.make("TL-073") { list, item, _ in
        guard let pointers = item.pointers else { return [.notChecked(because: "no LOTL supplied (--lotl)")] }
        guard let territory = list.territory, let qualifiers = pointers.qualifiers[territory] else {
            return [.notApplicable(because: "the LOTL has no XML pointer for \(list.territory ?? "this territory")")]
        }
        var problems: [String] = []
        if let type = qualifiers.tslType, type != list.tslType {
            problems.append("TSLType \(TrustedListURI.short(type)) vs \(TrustedListURI.short(list.tslType ?? ""))")
        }
        let names = Set(list.scheme?.child("SchemeOperatorName")?.children("Name").map(\.text) ?? [])
        if let missing = qualifiers.operatorNames.first(where: { !names.contains($0) }) {
            problems.append("operator name \"\(missing.prefix(60))\" not in the list")
        }
        return problems.isEmpty
            ? []
            : [
                .fail(
                    observed: problems.joined(separator: "; "),
                    expected: "the pointer's qualifiers as the list states them",
                    location: "PointersToOtherTSL (LOTL \(pointers.source))",
                    message: "the LOTL pointer describes the list differently than the list itself")
            ]
    }
}
