import AuditCore
import Certificates

/// The qualified-status cross-check of a certificate against supplied trusted lists
/// (CERT-135, CERT-136). Built per run around the lists, since they are an input.
public enum QualificationRules {
    public static let requirementIDs = rules(store: nil).requirementIDs

    /// The rules, reading `store` (nil when no trusted lists were supplied).
    public static func rules(store: TrustedListStore?) -> RuleSet<InspectedCertificate> {
        RuleSet([crossCheck(store), unverifiableClaim(store)])
    }

    static func statuses(_ item: InspectedCertificate, _ store: TrustedListStore) -> (
        Certificate, [QualificationStatus]
    )? {
        guard let certificate = item.certificate, let extensions = item.extensions,
            let issuedAt = certificate.tbs.notBefore.secondsSince1970
        else { return nil }
        let aki = (try? extensions.authorityKeyIdentifier?.get())?.keyIdentifier
        let entries = store.issuerServices(
            of: certificate, authorityKeyIdentifier: aki, serviceType: TrustedListURI.serviceTypeCAQC)
        return (
            certificate,
            entries.map {
                QualificationStatus(entry: $0, certificate: certificate, extensions: extensions, at: issuedAt)
            }
        )
    }

    /// At issuance the issuer is a granted CA/QC service and its qualifiers agree with QcCompliance, QcSSCD and QcType.
    static func crossCheck(_ store: TrustedListStore?) -> Rule<InspectedCertificate> {
        Rule("CERT-135") { item, context in
            guard let store else { return [.notChecked(because: "no trusted lists supplied (--trusted-lists DIR)")] }
            guard let (certificate, statuses) = statuses(item, store) else {
                return [.notChecked(because: "the certificate could not be decoded")]
            }
            guard !statuses.isEmpty else {
                return [
                    .notChecked(
                        because:
                            "the issuer is not a CA/QC service on the \(store.lists.count) supplied trusted list(s)")
                ]
            }
            let granted = statuses.filter(\.isGranted)
            guard let status = granted.first else {
                return [
                    .fail(
                        observed: statuses.map(\.summary).joined(separator: " | "), expected: "granted at issuance",
                        location: "tbsCertificate.validity.notBefore",
                        message: "at issuance (\(certificate.tbs.notBefore.text)) the issuing service was not granted"
                            + store.provenance)
                ]
            }
            var problems: [String] = []
            let qualifiers = Set(status.shortQualifiers)
            let statements = item.extensions?.statements
            let claimsQSCD = statements?.contains(QCStatements.ID.qcSSCD) == true
            if qualifiers.contains("NotQualified") { problems.append("the list marks such certificates NotQualified") }
            if claimsQSCD && (qualifiers.contains("QCNoQSCD") || qualifiers.contains("QCNoSSCD")) {
                problems.append("QcSSCD is claimed but the list says QCNoQSCD")
            }
            if !claimsQSCD && (qualifiers.contains("QCWithQSCD") || qualifiers.contains("QCWithSSCD")) {
                problems.append("the list says QCWithQSCD but the certificate lacks QcSSCD")
            }
            let types = Set((statements?.qcTypes ?? []).compactMap { QCStatements.QcType.names[$0] })
            let forQualifier = ["QCForESig": "esign", "QCForESeal": "eseal", "QCForWSA": "web"]
            let listed = Set(qualifiers.compactMap { forQualifier[$0] })
            if !listed.isEmpty, !types.isEmpty, listed.isDisjoint(with: types) {
                problems.append(
                    "QcType \(types.sorted().joined(separator: ",")) but the list qualifies them for \(listed.sorted().joined(separator: ","))"
                )
            }
            let purposes = ["ForeSignatures": "esign", "ForeSeals": "eseal", "ForWebSiteAuthentication": "web"]
            let asi = Set(status.entry.service.additionalInformation.compactMap { purposes[TrustedListURI.short($0)] })
            if !asi.isEmpty, !types.isEmpty, asi.isDisjoint(with: types) {
                problems.append(
                    "QcType \(types.sorted().joined(separator: ",")) but the service is for \(asi.sorted().joined(separator: ","))"
                )
            }
            let note =
                status.unsupportedCriteria.isEmpty
                ? "" : "; criteria not evaluated: \(Set(status.unsupportedCriteria).sorted().joined(separator: ", "))"
            if problems.isEmpty {
                return [.pass(observed: status.summary + note)]
            }
            return [
                .fail(
                    observed: status.summary + note, location: "qcStatements",
                    message: problems.joined(separator: "; ") + store.provenance)
            ]
        }
    }

    /// A QcCompliance claim whose issuer is on none of the supplied lists cannot be confirmed (reported for the
    /// auditor).
    static func unverifiableClaim(_ store: TrustedListStore?) -> Rule<InspectedCertificate> {
        Rule("CERT-136") { item, _ in
            guard let store else { return [.notChecked(because: "no trusted lists supplied (--trusted-lists DIR)")] }
            guard item.extensions?.statements?.contains(QCStatements.ID.qcCompliance) == true else {
                return [.notApplicable(because: "no QcCompliance claim")]
            }
            guard let (_, statuses) = statuses(item, store) else {
                return [.notChecked(because: "the certificate could not be decoded")]
            }
            return statuses.isEmpty
                ? [
                    .fail(
                        observed: "issuer on none of \(store.lists.count) supplied trusted list(s)",
                        message:
                            "QcCompliance is claimed but the issuer is not a CA/QC service on the supplied trusted lists"
                    )
                ] : [.pass(observed: statuses[0].summary)]
        }
    }
}
