import AuditCore
import Certificates
import SwiftASN1

/// Document, currency and signer-certificate rules of TS 119 612 (TL-001, TL-004, TL-061 …
/// TL-066, TL-080), graded on what real lists do (trusted-lists.md §1: LOTL signers carry the
/// EC's own country, many signers lack SKI or basicConstraints: should-level, not errors).
enum TrustedListContentRules {
    static let all: [Rule<InspectedTrustedList>] = [
        root, dateTimeForm, current, signerCountry, signerOrganisation,
        signerKeyUsage, signerExtendedKeyUsage, signerKeyIdentifier, signerNotCA,
    ]

    /// B.0, Annex C — the root is TrustServiceStatusList in the TS 119 612 namespace.
    static let root = Rule<InspectedTrustedList>("TL-001") { item, _ in
        guard case .success(let root) = item.parsed else {
            return [.notChecked(because: "the list could not be parsed (TL-002)")]
        }
        return root.name == "TrustServiceStatusList" && root.namespace == InspectedTrustedList.namespace
            ? []
            : [
                .fail(
                    observed: "{\(root.namespace ?? "no namespace")}\(root.name)",
                    expected: "{\(InspectedTrustedList.namespace)}TrustServiceStatusList", location: "/",
                    message: "the root element is not TS 119 612's TrustServiceStatusList")
            ]
    }

    /// Date-times in UTC as YYYY-MM-DDThh:mm:ssZ, without fractions (should).
    static let dateTimeForm = Rule<InspectedTrustedList>("TL-004") { item, _ in
        guard case .success = item.parsed else {
            return [.notChecked(because: "the list could not be parsed (TL-002)")]
        }
        let bad = item.dateTimes.filter { !isUTCSeconds($0.text) }
        return bad.isEmpty
            ? []
            : [
                .fail(
                    observed: bad.prefix(3).map { "\($0.element) \($0.text)" }.joined(separator: ", "),
                    expected: "YYYY-MM-DDThh:mm:ssZ", location: bad.first?.element,
                    message: "\(bad.count) date-time(s) not in the UTC form without fraction TS 119 612 prescribes")
            ]
    }

    static func isUTCSeconds(_ text: String) -> Bool {
        let c = Array(text.utf8)
        let digitAt: Set<Int> = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard c.count == 20, c[4] == 0x2D, c[7] == 0x2D, c[10] == 0x54, c[13] == 0x3A, c[16] == 0x3A, c[19] == 0x5A
        else { return false }
        return digitAt.allSatisfy { (0x30...0x39).contains(c[$0]) }
    }

    /// A list whose NextUpdate has passed is expired and must not be used.
    static let current = Rule<InspectedTrustedList>("TL-080") { item, context in
        guard let text = item.nextUpdate, let next = DateTimeText.seconds(text) else {
            return [.notChecked(because: "no readable NextUpdate (a closed list has none)")]
        }
        let at = Int64(context.validationTime.timeIntervalSince1970)
        let when = CertificateTime.iso8601(secondsSince1970: at)
        return next >= at
            ? [.pass(observed: "NextUpdate \(text), evaluated at \(when)")]
            : [
                .fail(
                    observed: "NextUpdate \(text), evaluated at \(when)", location: "SchemeInformation/NextUpdate",
                    message:
                        "the list is expired: its NextUpdate has passed, so it must not be used for trust decisions")
            ]
    }

    static func withSigner(
        _ id: RequirementID,
        _ body: @escaping @Sendable (Certificate, DecodedExtensions, InspectedTrustedList) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        Rule(id) { item, _ in
            guard let inspected = item.signer else {
                return [.notChecked(id, because: "no signer certificate in ds:KeyInfo")]
            }
            guard let certificate = inspected.certificate, let extensions = inspected.extensions else {
                return [
                    .fail(
                        id, observed: "undecodable", location: "ds:KeyInfo",
                        message: "the signer certificate cannot be decoded")
                ]
            }
            return body(certificate, extensions, item)
        }
    }

    typealias Names = DistinguishedName.AttributeType

    /// The signer's countryName is the scheme territory (LOTLs, territory EU, are exempt).
    static let signerCountry = withSigner("TL-061") { certificate, _, item in
        guard let territory = item.territory, territory != "EU" else {
            return [.notApplicable(because: "list of lists (EU)")]
        }
        let country = certificate.tbs.subject.value(Names.countryName)
        return country == territory
            ? []
            : [
                .fail(
                    observed: country ?? "no countryName", expected: territory, location: "ds:KeyInfo subject",
                    message: "the signer's country is not the scheme territory")
            ]
    }

    /// The signer's organizationName is one of the SchemeOperatorName values.
    static let signerOrganisation = withSigner("TL-062") { certificate, _, item in
        let organisation = certificate.tbs.subject.value(Names.organizationName)
        return organisation.map(item.schemeOperatorNames.contains) == true
            ? []
            : [
                .fail(
                    observed: organisation ?? "no organizationName",
                    expected: item.schemeOperatorNames.joined(separator: " | "), location: "ds:KeyInfo subject",
                    message: "the signer's organization is not the scheme operator named in the list")
            ]
    }

    // TL-063 … TL-066: 5.7.1, shared with the certificate check of a signer given on its own.
    static let signerKeyUsage = withSigner("TL-063") { _, extensions, _ in
        TrustedListSignerChecks.keyUsage(extensions, at: "ds:KeyInfo")
    }
    static let signerExtendedKeyUsage = withSigner("TL-064") { _, extensions, _ in
        TrustedListSignerChecks.extendedKeyUsage(extensions, at: "ds:KeyInfo")
    }
    static let signerKeyIdentifier = withSigner("TL-065") { _, extensions, _ in
        TrustedListSignerChecks.keyIdentifier(extensions, at: "ds:KeyInfo")
    }
    static let signerNotCA = withSigner("TL-066") { _, extensions, _ in
        TrustedListSignerChecks.notCA(extensions, at: "ds:KeyInfo")
    }
}
