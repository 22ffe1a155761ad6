import AuditCore
import DERWalk

/// Every certificate rule of this module, one per requirement.
public enum CertificateRules {
    public static let all = RuleSet<InspectedCertificate>(
        RFC5280BasicRules.all + RFC5280ExtensionRules.all + AlgorithmRules.all + IdentifierRules.all
            + SubjectRules.all + ProfileExtensionRules.all + WebsiteRules.all + QCStatementRules.all
            + PSD2Rules.all + PolicyRules.all + TSURules.all + CACertificateRules.all + ChainRules.all
            + TrustedListSignerRules.all + OCSPResponderRules.all + ClaimRules.all + RFC5280NameRules.all
            + PolicyQualifierRules.all + RFC5280KeyRules.all + UniformResourceRules.all)

    /// Builds a rule that needs the decoded certificate; when the bytes could not be decoded the
    /// requirement is recorded as not checked, with the decoding error as the reason.
    static func decoded(
        _ id: RequirementID, _ body: @escaping @Sendable (Certificate) -> [Finding]
    ) -> Rule<InspectedCertificate> {
        profiled(id) { view, _ in body(view.certificate) }
    }

    /// Builds a rule that reads the decoded certificate, its decoded extensions and the profile's
    /// parameters.
    static func profiled(
        _ id: RequirementID, _ body: @escaping @Sendable (CertificateView, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedCertificate> {
        Rule(id) { item, context in
            // The item holds the view for the whole call: it is lent to the rule without a
            // retain (sixty rules per certificate).
            guard let view = item.view.map(Unmanaged.passUnretained) else {
                let reason = item.decodingError.map { "\($0)" } ?? ""
                return [.notChecked(id, because: "the certificate could not be decoded: \(reason)")]
            }
            return view._withUnsafeGuaranteedRef { body($0, context) }
        }
    }
}

/// A decoded certificate with its decoded extensions, as the profile rules read it. A class so
/// that the rules of one item share it instead of copying the model.
final class CertificateView: Sendable {
    let certificate: Certificate
    let extensions: DecodedExtensions
    let issuers: IssuerStore?
    /// `x509_entry` / `precert_entry` when read from a CT log.
    let logEntryType: String?
    /// A TBSCertificate before signing: its signature is not judged.
    let isUnsigned: Bool
    /// The item's bytes when the certificate was walked (clean DER): the slices of the model
    /// index into them, so rules may walk inside its values too.
    let walked: TLVReader?

    init(
        certificate: Certificate, extensions: DecodedExtensions, issuers: IssuerStore?, logEntryType: String?,
        isUnsigned: Bool = false, walked: TLVReader? = nil
    ) {
        self.walked = walked
        self.certificate = certificate
        self.extensions = extensions
        self.issuers = issuers
        self.logEntryType = logEntryType
        self.isUnsigned = isUnsigned
    }

    var tbs: TBSCertificate { certificate.tbs }
    var subject: DistinguishedName { certificate.tbs.subject }
    var statements: QCStatements? { extensions.statements }
}

/// The profile parameters the rules understand (set in `Profiles/*.yaml`).
extension EvaluationContext {
    /// `natural`, `legal`, `web`, `tsu`, `ca`, or nil for the RFC 5280 basics.
    var subjectKind: String? { parameters["subject"] }
    var isQSCD: Bool { flag("qscd") }
    /// The QcType the profile expects: `esign`, `eseal` or `web`.
    var expectedQcType: String? { parameters["qcType"] }
}

extension Finding {
    /// A present but undecodable extension: the requirement that reads it fails.
    static func malformed(_ error: CertificateError) -> Finding {
        .fail(
            observed: error.reason, location: error.location,
            message: "the extension cannot be decoded: \(error.reason)")
    }

}
