import AuditCore
import SwiftASN1

/// Certificate policies of EN 319 411-1/-2 and their consistency with statements and subject
/// (CERT-170 … CERT-173).
enum PolicyRules {
    static let all: [Rule<InspectedCertificate>] = [
        singleReservedPolicy, policyConsistency, qualifiedPolicyNeedsCompliance,
        policiesNotCritical,
    ]
    typealias IDs = PolicyIdentifiers

    /// At most one EN 319 411-1 policy, matching the CA/B type.
    static let singleReservedPolicy = CertificateRules.profiled("CERT-170") { view, _ in
        let policies = view.extensions.policies
        let reserved = policies.filter { IDs.en319411_1[$0] != nil }
        if reserved.count > 1 {
            return [
                .fail(
                    observed: reserved.map(IDs.name).joined(separator: ", "), expected: "at most one",
                    location: "certificatePolicies", message: "more than one EN 319 411-1 reserved policy")
            ]
        }
        if let etsi = reserved.first, let cab = cabTypeOfReservedPolicy[etsi] {
            let cabPresent = policies.filter { IDs.cab[$0] != nil }
            if !cabPresent.isEmpty && !cabPresent.contains(cab) {
                return [
                    .fail(
                        observed: (reserved + cabPresent).map(IDs.name).joined(separator: ", "),
                        expected: IDs.name(cab), location: "certificatePolicies",
                        message: "the EN 319 411-1 policy does not match the CA/B Forum validation type")
                ]
            }
        }
        return []
    }

    /// The CA/B Forum validation type each EN 319 411-1 reserved policy corresponds to.
    private static let cabTypeOfReservedPolicy: [ASN1ObjectIdentifier: ASN1ObjectIdentifier] = [
        IDs.evcp: IDs.cabEV, IDs.ovcp: IDs.cabOV, IDs.ivcp: IDs.cabIV, IDs.dvcp: IDs.cabDV,
    ]

    /// Each EN 319 411-2 policy agrees with the subject kind, QcType and QcSSCD.
    static let policyConsistency = CertificateRules.profiled("CERT-171") { view, context in
        let policies = view.extensions.policies.filter { IDs.en319411_2[$0] != nil }
        guard !policies.isEmpty else { return [.notApplicable(because: "no EN 319 411-2 policy")] }
        let types = Set((view.statements?.qcTypes ?? []).compactMap { QCStatementRules.qcTypeNames[$0] })
        let hasSSCD = view.statements?.contains(QCStatements.ID.qcSSCD) == true
        var findings: [Finding] = []
        func contradiction(_ policy: ASN1ObjectIdentifier, _ what: String) {
            findings.append(
                .fail(
                    observed: "\(IDs.name(policy)); \(what)", location: "certificatePolicies",
                    message: "policy \(IDs.en319411_2[policy]!) contradicts the certificate: \(what)"))
        }
        for policy in policies {
            let (kind, qcType): (String, String)
            switch policy {
            case IDs.qcpN, IDs.qcpNQSCD: (kind, qcType) = ("natural", "esign")
            case IDs.qcpL, IDs.qcpLQSCD: (kind, qcType) = ("legal", "eseal")
            default: (kind, qcType) = ("web", "web")
            }
            if let subject = context.subjectKind, subject != kind {
                contradiction(policy, "it is for \(kind)-person certificates, this is a \(subject) certificate")
            }
            if kind != "web", !types.isEmpty, !types.contains(qcType) {
                contradiction(policy, "QcType \(types.sorted().joined(separator: ", ")) instead of \(qcType)")
            }
            if (policy == IDs.qcpNQSCD || policy == IDs.qcpLQSCD) && !hasSSCD {
                contradiction(policy, "a -qscd policy without the QcSSCD statement")
            }
            // QcSSCD says the key is in a QSCD, for which EN 319 411-2 has the -qscd policy.
            let qscdCounterpart = policy == IDs.qcpN ? IDs.qcpNQSCD : policy == IDs.qcpL ? IDs.qcpLQSCD : nil
            if let qscdCounterpart, hasSSCD, !policies.contains(qscdCounterpart) {
                contradiction(
                    policy, "QcSSCD says the key is in a QSCD, whose policy is \(IDs.en319411_2[qscdCounterpart]!)")
            }
        }
        return findings
    }

    /// An EN 319 411-2 policy requires QcCompliance.
    static let qualifiedPolicyNeedsCompliance = CertificateRules.profiled("CERT-172") { view, _ in
        let policies = view.extensions.policies.filter { IDs.en319411_2[$0] != nil }
        guard !policies.isEmpty else { return [.notApplicable(because: "no EN 319 411-2 policy")] }
        return view.statements?.contains(QCStatements.ID.qcCompliance) == true
            ? []
            : [
                .fail(
                    observed: "\(policies.map(IDs.name).joined(separator: ", ")) without QcCompliance",
                    location: "certificatePolicies",
                    message: "a qualified policy is claimed but QcCompliance is missing")
            ]
    }

    /// certificatePolicies should not be critical.
    static let policiesNotCritical = CertificateRules.decoded("CERT-173") { certificate in
        certificate.tbs.extension(.CertificateExtension.certificatePolicies)?.critical == true
            ? [
                .shouldFail(
                    observed: "critical", location: "certificatePolicies",
                    message: "certificatePolicies should not be critical")
            ] : []
    }
}
