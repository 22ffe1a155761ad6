import AuditCore
import SwiftASN1

/// What TS 119 612 §5.7.1 asks of a trusted-list signing certificate (TL-063 … TL-066), written
/// once: the trusted-list check applies it to the certificate in `ds:KeyInfo`, the certificate
/// check to a signer certificate given on its own (`ts119612-tl-signer`).
public enum TrustedListSignerChecks {
    /// `place` is where the certificate sits ("ds:KeyInfo"), or empty for a certificate item.
    private static func whole(_ place: String) -> String { place.isEmpty ? "extensions" : place }
    private static func field(_ name: String, in place: String) -> String { place.isEmpty ? name : place + " " + name }

    /// TL-063: keyUsage digitalSignature and/or nonRepudiation only.
    public static func keyUsage(_ extensions: DecodedExtensions, at place: String) -> [Finding] {
        guard let usage = extensions.usage else {
            return [
                .fail(
                    observed: "no keyUsage", location: whole(place), message: "the signer certificate has no keyUsage")
            ]
        }
        let allowed: Set<KeyUsage.Bit> = [.digitalSignature, .nonRepudiation]
        return !usage.bits.isEmpty && usage.bits.isSubset(of: allowed)
            ? []
            : [
                .fail(
                    observed: "\(usage)", expected: "digitalSignature and/or nonRepudiation",
                    location: field("keyUsage", in: place),
                    message: "the list signer's key must be for signing only")
            ]
    }

    /// TL-064: extKeyUsage should contain id-tsl-kp-tslSigning.
    public static func extendedKeyUsage(_ extensions: DecodedExtensions, at place: String) -> [Finding] {
        let purposes = extensions.ekus ?? []
        return purposes.contains(ExtendedKeyUsage.tslSigning)
            ? []
            : [
                .fail(
                    observed: purposes.isEmpty ? "no extKeyUsage" : purposes.map(\.dotted).joined(separator: ", "),
                    expected: "0.4.0.2231.3.0", location: field("extKeyUsage", in: place),
                    message: "the signer certificate should carry the TSL-signing extended key usage")
            ]
    }

    /// TL-065: subjectKeyIdentifier present.
    public static func keyIdentifier(_ extensions: DecodedExtensions, at place: String) -> [Finding] {
        extensions.subjectKeyIdentifier != nil
            ? []
            : [
                .fail(
                    observed: "no subjectKeyIdentifier", location: whole(place),
                    message: "the signer certificate should carry subjectKeyIdentifier")
            ]
    }

    /// TL-066: basicConstraints present with cA FALSE.
    public static func notCA(_ extensions: DecodedExtensions, at place: String) -> [Finding] {
        switch extensions.basicConstraints {
        case .success(let constraints)? where !constraints.isCA: return []
        case .success?:
            return [
                .fail(
                    observed: "cA TRUE", location: field("basicConstraints", in: place),
                    message: "the list signer must not be a CA")
            ]
        default:
            return [
                .fail(
                    observed: "no basicConstraints", expected: "basicConstraints cA FALSE",
                    location: whole(place),
                    message: "the signer certificate should state basicConstraints cA FALSE")
            ]
        }
    }
}

/// TL-063 … TL-066 on a trusted-list signing certificate checked on its own.
enum TrustedListSignerRules {
    static let all: [Rule<InspectedCertificate>] = [
        CertificateRules.profiled("TL-063") { view, _ in TrustedListSignerChecks.keyUsage(view.extensions, at: "") },
        CertificateRules.profiled("TL-064") { view, _ in
            TrustedListSignerChecks.extendedKeyUsage(view.extensions, at: "")
        },
        CertificateRules.profiled("TL-065") { view, _ in TrustedListSignerChecks.keyIdentifier(view.extensions, at: "")
        },
        CertificateRules.profiled("TL-066") { view, _ in TrustedListSignerChecks.notCA(view.extensions, at: "") },
    ]
}
