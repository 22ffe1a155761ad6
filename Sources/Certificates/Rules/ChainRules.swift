import AuditCore
import Foundation

/// Checks that need the issuer certificate (`--issuer`): signature (CERT-018), issuer name
/// and key identifier chaining (CERT-004 extension, CERT-009 extension), validity nesting
/// (CERT-231). A self-issued certificate is its own issuer for the signature check.
enum ChainRules {
    static let all: [Rule<InspectedCertificate>] = [signature, validityInsideIssuer]

    /// The issuer to check against: itself when self-issued, else the best supplied candidate.
    static func issuer(of view: CertificateView) -> (certificate: Certificate, key: IssuerKey?)? {
        if view.certificate.isSelfIssued {
            return (view.certificate, IssuerKey(subjectPublicKeyInfo: view.tbs.subjectPublicKeyInfo))
        }
        let aki = (try? view.extensions.authorityKeyIdentifier?.get())?.keyIdentifier
        guard let best = view.issuers?.candidates(for: view.certificate, authorityKeyIdentifier: aki).first else {
            return nil
        }
        return (best.certificate, best.key)
    }

    static func missingIssuer(_ view: CertificateView) -> Finding {
        view.issuers == nil
            ? .notChecked(because: "no issuer certificate supplied (--issuer FILE)")
            : .notChecked(
                because:
                    "none of the \(view.issuers!.count) supplied issuer certificates has the subject named in issuer")
    }

    /// The signature verifies with the issuer's public key.
    static let signature = CertificateRules.profiled("CERT-018") { view, _ in
        if view.isUnsigned {
            return [.notApplicable(because: "a TBSCertificate checked before signing has no signature to verify yet")]
        }
        guard let (issuer, key) = issuer(of: view) else { return [missingIssuer(view)] }
        let issuerName =
            issuer.tbs.subject == view.tbs.subject && view.certificate.isSelfIssued
            ? "its own key (self-issued)" : "the supplied issuer's key"
        guard let key else {
            return [.notChecked(because: "OpenSSL cannot use the issuer's key")]
        }
        switch SignatureVerification.verify(certificate: view.certificate.encoded, issuerKey: key) {
        case .valid:
            return [.pass(observed: "\(view.certificate.signatureAlgorithm.algorithm) verified with \(issuerName)")]
        case .invalid(let reason):
            return [
                .fail(
                    observed: "signature does not verify (\(reason))", location: "signatureValue",
                    message: "the signature does not verify with \(issuerName)")
            ]
        case .unusable(let reason):
            return [.notChecked(because: "OpenSSL could not attempt the verification: \(reason)")]
        }
    }

    /// The certificate's validity lies inside its issuer's (should).
    static let validityInsideIssuer = CertificateRules.profiled("CERT-231") { view, _ in
        if view.certificate.isSelfIssued { return [.notApplicable(because: "self-issued certificate")] }
        guard let (issuer, _) = issuer(of: view) else { return [missingIssuer(view)] }
        guard let start = view.tbs.notBefore.secondsSince1970, let end = view.tbs.notAfter.secondsSince1970,
            let issuerStart = issuer.tbs.notBefore.secondsSince1970,
            let issuerEnd = issuer.tbs.notAfter.secondsSince1970
        else { return [.notChecked(because: "a validity date cannot be read")] }
        let observed =
            "certificate \(view.tbs.notBefore.text)–\(view.tbs.notAfter.text), issuer \(issuer.tbs.notBefore.text)–\(issuer.tbs.notAfter.text)"
        return start >= issuerStart && end <= issuerEnd
            ? [.pass(observed: observed)]
            : [
                .shouldFail(
                    observed: observed, location: "tbsCertificate.validity",
                    message: "the validity period extends beyond the issuer certificate's")
            ]
    }
}
