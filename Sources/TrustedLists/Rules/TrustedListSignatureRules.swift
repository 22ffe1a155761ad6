import AuditCore
import Certificates
import Digests
import Foundation

/// The enveloped XMLDSig signature of a list (TS 119 612 5.7, Annex B): TL-050 … TL-053, TL-055,
/// TL-059.
enum TrustedListSignatureRules {
    static let all: [Rule<InspectedTrustedList>] = [
        oneSignature, rootReference, exclusiveCanonicalization, rootTransforms,
        signedProperties, verification, pointerAuthentication,
    ]

    /// The list verifies with a certificate its LOTL announces for its territory (`--lotl`).
    static let pointerAuthentication = Rule<InspectedTrustedList>("TL-072") { item, _ in
        guard let pointers = item.pointers else { return [.notChecked(because: "no LOTL supplied (--lotl)")] }
        if item.authentication != nil, item.tree.map({ ListView(root: $0).isListOfLists }) == true {
            return [
                .notApplicable(
                    because: "a list of lists is authenticated by the OJ certificates and its pivots (TL-070)")
            ]
        }
        guard let signature = item.signature, signature.signatureCount == 1 else {
            return [.notChecked(because: "no single verifiable signature (TL-050)")]
        }
        guard let territory = item.territory, let announced = pointers.certificates[territory], !announced.isEmpty
        else {
            return [
                .fail(
                    observed: "LOTL \(pointers.source) has no XML pointer for \(item.territory ?? "this territory")",
                    location: "SchemeInformation/SchemeTerritory",
                    message: "the LOTL announces no certificate for this list")
            ]
        }
        let verification = signature.verification(with: announced)
        switch verification.outcome {
        case .valid:
            return [
                .pass(
                    observed:
                        "verified with \(Self.describe(verification.certificate)), announced for \(territory) by the LOTL \(pointers.source)"
                )
            ]
        case .invalid(let reason), .unusable(let reason):
            return [
                .fail(
                    observed:
                        "none of \(announced.count) certificate(s) announced for \(territory) verifies it (\(reason))",
                    location: "ds:SignatureValue",
                    message: "the list is not signed with a key its LOTL announces: it cannot be trusted")
            ]
        }
    }

    /// `CN=…, SHA-256 0123abcd…` of a certificate, for evidence that names which one it was.
    static func describe(_ der: [UInt8]?) -> String {
        guard let der else { return "an announced certificate" }
        let name =
            InspectedCertificate(bytes: der).certificate?.tbs.subject.value(DistinguishedName.AttributeType.commonName)
            ?? "certificate"
        let fingerprint = Hex.string(SHA256.digest(der[...]).prefix(8))
        return "\"\(name)\" (SHA-256 \(fingerprint)…)"
    }

    static func withSignature(
        _ id: RequirementID, _ body: @escaping @Sendable (TrustedListSignature) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        Rule(id) { item, _ in
            guard let signature = item.signature else {
                return [.notChecked(id, because: "the list could not be parsed (TL-002)")]
            }
            guard signature.signatureCount == 1 else {
                return id == "TL-050" ? body(signature) : [.notChecked(id, because: "no single ds:Signature (TL-050)")]
            }
            return body(signature)
        }
    }

    /// Exactly one ds:Signature, a child of the root.
    static let oneSignature = withSignature("TL-050") { signature in
        signature.signatureCount == 1
            ? []
            : [
                .fail(
                    observed: "\(signature.signatureCount) ds:Signature element(s) under the root", expected: "1",
                    location: "/TrustServiceStatusList/ds:Signature",
                    message: "a trusted list carries exactly one enveloped signature")
            ]
    }

    /// A reference covers the list itself (the root element), and every Id it uses is unique (signature-wrapping
    /// defence).
    static let rootReference = withSignature("TL-051") { signature in
        if let wrapped = signature.references.first(where: { $0.problem?.contains("matches") == true }) {
            return [
                .fail(
                    observed: wrapped.problem, location: "ds:Reference URI=\(wrapped.uri)",
                    message:
                        "a reference does not resolve to exactly one element (duplicate or missing Id: possible signature wrapping)"
                )
            ]
        }
        return signature.references.contains(where: \.coversRoot)
            ? []
            : [
                .fail(
                    observed: signature.references.map(\.uri).joined(separator: ", "), expected: "\"\" or #<root Id>",
                    location: "ds:SignedInfo", message: "no reference covers the TrustServiceStatusList element itself")
            ]
    }

    /// SignedInfo canonicalised with exclusive C14N.
    static let exclusiveCanonicalization = withSignature("TL-052") { signature in
        (signature.canonicalization ?? "").hasPrefix(TrustedListSignature.exclusiveC14N)
            ? []
            : [
                .fail(
                    observed: signature.canonicalization ?? "absent", expected: TrustedListSignature.exclusiveC14N,
                    location: "ds:SignedInfo/ds:CanonicalizationMethod",
                    message: "TS 119 612 requires exclusive canonicalisation")
            ]
    }

    /// The root reference's transforms are exactly enveloped-signature and exclusive C14N.
    static let rootTransforms = withSignature("TL-053") { signature in
        guard let root = signature.references.first(where: \.coversRoot) else {
            return [.notChecked(because: "no reference covers the root (TL-051)")]
        }
        let expected = [TrustedListSignature.envelopedSignature, TrustedListSignature.exclusiveC14N]
        return root.transforms == expected
            ? []
            : [
                .fail(
                    observed: root.transforms.joined(separator: ", "), expected: expected.joined(separator: ", "),
                    location: "ds:Reference URI=\(root.uri)/ds:Transforms",
                    message: "the list reference must use exactly the enveloped-signature and exclusive C14N transforms"
                )
            ]
    }

    /// XAdES SignedProperties are referenced and their digest matches.
    static let signedProperties = withSignature("TL-055") { signature in
        guard let properties = signature.references.first(where: { $0.type?.hasSuffix("#SignedProperties") == true })
        else {
            return [
                .fail(
                    observed: "no reference of type SignedProperties", location: "ds:SignedInfo",
                    message: "the XAdES SignedProperties are not signed")
            ]
        }
        return properties.digestMatches == true
            ? []
            : [
                .fail(
                    observed: properties.problem ?? "digest mismatch", location: "ds:Reference URI=\(properties.uri)",
                    message: "the SignedProperties digest does not verify")
            ]
    }

    /// Every Reference digest and the SignatureValue verify (key of the KeyInfo certificate; pointer authentication is
    /// TL-072).
    static let verification = withSignature("TL-059") { signature in
        var findings: [Finding] = []
        for reference in signature.references {
            switch reference.digestMatches {
            case false?:
                findings.append(
                    .fail(
                        observed: "digest mismatch", location: "ds:Reference URI=\(reference.uri)",
                        message: "the referenced content was changed after signing"))
            case nil:
                findings.append(
                    .notChecked(because: "reference \(reference.uri): \(reference.problem ?? "not verified")"))
            default: break
            }
        }
        switch signature.value {
        case .valid?:
            if findings.isEmpty {
                return [.pass(observed: "\(signature.references.count) reference(s) and the SignatureValue verify")]
            }
        case .invalid(let reason)?:
            findings.append(
                .fail(observed: reason, location: "ds:SignatureValue", message: "the signature value does not verify"))
        case .unusable(let reason)?: findings.append(.notChecked(because: reason))
        case nil: findings.append(.notChecked(because: "the signature could not be evaluated"))
        }
        return findings
    }
}
