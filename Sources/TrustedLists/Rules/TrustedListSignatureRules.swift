import Foundation
import AuditCore
import Certificates

/// The enveloped XMLDSig signature of a list (TS 119 612 5.7, Annex B): TL-050 … TL-053, TL-055,
/// TL-059.
enum TrustedListSignatureRules {
    static let all: [Rule<InspectedTrustedList>] = [oneSignature, rootReference, exclusiveCanonicalization, rootTransforms,
                                                    signedProperties, verification, pointerAuthentication]

    /// TL-072: 5.3.13, A.1 — the list verifies with a certificate its LOTL announces for its
    /// territory (`--lotl`).
    static let pointerAuthentication = Rule<InspectedTrustedList>("TL-072") { item, _ in
        guard let pointers = item.pointers else { return [.notChecked("TL-072", because: "no LOTL supplied (--lotl)")] }
        if item.authentication != nil, item.tree.map({ ListView(root: $0).isListOfLists }) == true {
            return [.notApplicable("TL-072", because: "a list of lists is authenticated by the OJ certificates and its pivots (TL-070)")]
        }
        guard let signature = item.signature, signature.signatureCount == 1 else {
            return [.notChecked("TL-072", because: "no single verifiable signature (TL-050)")]
        }
        guard let territory = item.territory, let announced = pointers.certificates[territory], !announced.isEmpty else {
            return [.fail("TL-072", observed: "LOTL \(pointers.source) has no XML pointer for \(item.territory ?? "this territory")",
                          location: "SchemeInformation/SchemeTerritory", message: "the LOTL announces no certificate for this list")]
        }
        let verification = signature.verification(with: announced)
        switch verification.outcome {
        case .valid:
            return [.pass("TL-072", observed: "verified with \(Self.describe(verification.certificate)), announced for \(territory) by the LOTL \(pointers.source)")]
        case .invalid(let reason), .unusable(let reason):
            return [.fail("TL-072", observed: "none of \(announced.count) certificate(s) announced for \(territory) verifies it (\(reason))",
                          location: "ds:SignatureValue",
                          message: "the list is not signed with a key its LOTL announces: it cannot be trusted")]
        }
    }

    /// `CN=…, SHA-256 0123abcd…` of a certificate, for evidence that names which one it was.
    static func describe(_ der: [UInt8]?) -> String {
        guard let der else { return "an announced certificate" }
        let name = InspectedCertificate(bytes: der).certificate?.tbs.subject.value(DistinguishedName.AttributeType.commonName) ?? "certificate"
        let fingerprint = Hex.string(SHA256.digest(der[...]).prefix(8))
        return "\"\(name)\" (SHA-256 \(fingerprint)…)"
    }

    static func withSignature(
        _ id: RequirementID, _ body: @escaping @Sendable (TrustedListSignature) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        Rule(id) { item, _ in
            guard let signature = item.signature else { return [.notChecked(id, because: "the list could not be parsed (TL-002)")] }
            guard signature.signatureCount == 1 else {
                return id == "TL-050" ? body(signature) : [.notChecked(id, because: "no single ds:Signature (TL-050)")]
            }
            return body(signature)
        }
    }

    /// TL-050: 5.7.1, B.1.0 — exactly one ds:Signature, a child of the root.
    static let oneSignature = withSignature("TL-050") { signature in
        signature.signatureCount == 1 ? [] : [
            .fail("TL-050", observed: "\(signature.signatureCount) ds:Signature element(s) under the root", expected: "1",
                  location: "/TrustServiceStatusList/ds:Signature", message: "a trusted list carries exactly one enveloped signature")
        ]
    }

    /// TL-051: B.1.0 — a reference covers the list itself (the root element), and every Id it
    /// uses is unique (signature-wrapping defence).
    static let rootReference = withSignature("TL-051") { signature in
        if let wrapped = signature.references.first(where: { $0.problem?.contains("matches") == true }) {
            return [.fail("TL-051", observed: wrapped.problem, location: "ds:Reference URI=\(wrapped.uri)",
                          message: "a reference does not resolve to exactly one element (duplicate or missing Id: possible signature wrapping)")]
        }
        return signature.references.contains(where: \.coversRoot) ? [] : [
            .fail("TL-051", observed: signature.references.map(\.uri).joined(separator: ", "), expected: "\"\" or #<root Id>",
                  location: "ds:SignedInfo", message: "no reference covers the TrustServiceStatusList element itself")
        ]
    }

    /// TL-052: B.1.0 rule 3 — SignedInfo canonicalised with exclusive C14N.
    static let exclusiveCanonicalization = withSignature("TL-052") { signature in
        (signature.canonicalization ?? "").hasPrefix(TrustedListSignature.exclusiveC14N) ? [] : [
            .fail("TL-052", observed: signature.canonicalization ?? "absent", expected: TrustedListSignature.exclusiveC14N,
                  location: "ds:SignedInfo/ds:CanonicalizationMethod", message: "TS 119 612 requires exclusive canonicalisation")
        ]
    }

    /// TL-053: B.1.0 rule 2 — the root reference's transforms are exactly enveloped-signature and
    /// exclusive C14N.
    static let rootTransforms = withSignature("TL-053") { signature in
        guard let root = signature.references.first(where: \.coversRoot) else {
            return [.notChecked("TL-053", because: "no reference covers the root (TL-051)")]
        }
        let expected = [TrustedListSignature.envelopedSignature, TrustedListSignature.exclusiveC14N]
        return root.transforms == expected ? [] : [
            .fail("TL-053", observed: root.transforms.joined(separator: ", "), expected: expected.joined(separator: ", "),
                  location: "ds:Reference URI=\(root.uri)/ds:Transforms",
                  message: "the list reference must use exactly the enveloped-signature and exclusive C14N transforms")
        ]
    }

    /// TL-055: 5.7.1 / EN 319 132-1 — XAdES SignedProperties are referenced and their digest matches.
    static let signedProperties = withSignature("TL-055") { signature in
        guard let properties = signature.references.first(where: { $0.type?.hasSuffix("#SignedProperties") == true }) else {
            return [.fail("TL-055", observed: "no reference of type SignedProperties", location: "ds:SignedInfo",
                          message: "the XAdES SignedProperties are not signed")]
        }
        return properties.digestMatches == true ? [] : [
            .fail("TL-055", observed: properties.problem ?? "digest mismatch", location: "ds:Reference URI=\(properties.uri)",
                  message: "the SignedProperties digest does not verify")
        ]
    }

    /// TL-059: 5.7.2, 5.7.3 — every Reference digest and the SignatureValue verify (key of the
    /// KeyInfo certificate; pointer authentication is TL-072).
    static let verification = withSignature("TL-059") { signature in
        var findings: [Finding] = []
        for reference in signature.references {
            switch reference.digestMatches {
            case false?:
                findings.append(.fail("TL-059", observed: "digest mismatch", location: "ds:Reference URI=\(reference.uri)",
                                      message: "the referenced content was changed after signing"))
            case nil:
                findings.append(.notChecked("TL-059", because: "reference \(reference.uri): \(reference.problem ?? "not verified")"))
            default: break
            }
        }
        switch signature.value {
        case .valid?: if findings.isEmpty { return [.pass("TL-059", observed: "\(signature.references.count) reference(s) and the SignatureValue verify")] }
        case .invalid(let reason)?:
            findings.append(.fail("TL-059", observed: reason, location: "ds:SignatureValue", message: "the signature value does not verify"))
        case .unusable(let reason)?: findings.append(.notChecked("TL-059", because: reason))
        case nil: findings.append(.notChecked("TL-059", because: "the signature could not be evaluated"))
        }
        return findings
    }
}
