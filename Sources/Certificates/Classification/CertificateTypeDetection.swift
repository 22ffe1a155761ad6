import AuditCore
import SwiftASN1

/// Decides the certificate type from what the certificate itself claims — basicConstraints and
/// keyUsage (CA), EKU (TSU, web), the PSD2 statement and `PSD` organizationIdentifier, policy
/// OIDs of EN 319 411-1/-2, QcCompliance/QcSSCD/QcType and the subject's attributes — and keeps
/// the evidence for the choice. Contradictions are not resolved here: the profile's consistency
/// rules (CERT-124, CERT-171, …) report them.
public struct CertificateTypeDetection: Sendable {
    public let type: CertificateType
    /// The signals that decided, in words, for `profileReason`.
    public let reasons: [String]
    /// True when the certificate is an RFC 6962 precertificate (checked like the final one).
    public let isPrecertificate: Bool
    /// For a certificate with a dedicated role (trusted-list signer, OCSP responder, TSU) that
    /// also claims an EN 319 412 profile (QcCompliance, or an EN 319 411-1/-2 policy): the type
    /// that claim makes it, with its reasons. The role's profile and the claimed type's
    /// profile are then both checked.
    public let claimed: (type: CertificateType, reasons: [String])?

    init(_ item: InspectedCertificate) {
        guard let certificate = item.certificate, let extensions = item.extensions else {
            self.init(
                type: .undecodable, reasons: ["the certificate could not be decoded"], precertificate: false,
                claimed: nil)
            return
        }
        self = Self.detect(certificate, extensions)
    }

    private init(type: CertificateType, reasons: [String], precertificate: Bool, claimed: (CertificateType, [String])?)
    {
        self.type = type
        self.reasons = reasons
        self.isPrecertificate = precertificate
        self.claimed = claimed
    }

    /// Words by which TSPs name their time-stamping units in commonName or organizationalUnitName.
    static func namesTimeStampingUnit(_ name: String) -> Bool {
        // ASCII case folding over the UTF-8 bytes: this runs for every certificate without EKU.
        let bytes = name.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        func isWordByte(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b >= 0x80 }
        var words: [ArraySlice<UInt8>] = []
        var start: Int?
        for (i, b) in bytes.enumerated() {
            if isWordByte(b) {
                if start == nil { start = i }
            } else if let s = start {
                words.append(bytes[s..<i])
                start = nil
            }
        }
        if let s = start { words.append(bytes[s...]) }
        if words.contains(where: { $0.elementsEqual("tsu".utf8) || $0.elementsEqual("tsa".utf8) }) { return true }
        for phrase in ["time-stamp", "timestamp", "time stamp"] where ByteSearch.contains(Array(phrase.utf8), in: bytes)
        {
            return true
        }
        return false
    }

    private static func subjectNames(_ subject: DistinguishedName) -> [String] {
        subject.values(DistinguishedName.AttributeType.commonName)
            + subject.values(DistinguishedName.AttributeType.organizationalUnitName)
    }

    private static func detect(_ certificate: Certificate, _ extensions: DecodedExtensions) -> CertificateTypeDetection
    {
        let precertificate = certificate.isPrecertificate
        func found(_ type: CertificateType, _ reasons: [String]) -> CertificateTypeDetection {
            CertificateTypeDetection(
                type: type, reasons: reasons + (precertificate ? ["CT precertificate (poison extension)"] : []),
                precertificate: precertificate, claimed: nil)
        }
        /// A role certificate, with the EN 319 412 type it also claims, if any: QcCompliance or
        /// an EN 319 411-1/-2 policy says the certificate was issued under that policy's profile.
        func role(_ type: CertificateType, _ reasons: [String]) -> CertificateTypeDetection {
            let claims =
                extensions.statements?.contains(QCStatements.ID.qcCompliance) == true
                || extensions.policies.contains {
                    PolicyIdentifiers.en319411_2[$0] != nil || PolicyIdentifiers.en319411_1[$0] != nil
                }
            let claim = claims ? claimedType(certificate, extensions) : nil
            return CertificateTypeDetection(
                type: type, reasons: reasons + (precertificate ? ["CT precertificate (poison extension)"] : []),
                precertificate: precertificate, claimed: claim.map { ($0.type, $0.reasons) })
        }
        let policies = Self.distinct(extensions.policies)
        let ekus = extensions.ekus ?? []

        if extensions.isCA { return found(.ca, ["basicConstraints cA TRUE"]) }
        // keyCertSign alone marks a CA only when nothing says end entity (qcStatements, an
        // EN 319 411 end-entity policy, a natural-person subject).
        let endEntityPolicies = extensions.policies.contains {
            PolicyIdentifiers.en319411_1[$0] != nil || PolicyIdentifiers.en319411_2[$0] != nil
        }
        if extensions.usage?.contains(.keyCertSign) == true, extensions.qcStatements == nil, !endEntityPolicies,
            !certificate.tbs.subject.namesNaturalPerson
        {
            return found(.ca, ["keyUsage keyCertSign (no cA TRUE basicConstraints)"])
        }
        // A dedicated extended key usage names the certificate's job before any person does:
        // trusted-list signers and OCSP responders often name an organisation, but claim none of
        // the NCP/QCP profiles (TS 119 612 §5.7.1, RFC 6960 §4.2.2.2).
        if ekus.contains(ExtendedKeyUsage.tslSigning) {
            return role(.tlSigner, ["extKeyUsage id-tsl-kp-tslSigning (TS 119 612 5.7.1)"])
        }
        if ekus.contains(ExtendedKeyUsage.ocspSigning) {
            return role(.ocspResponder, ["extKeyUsage id-kp-OCSPSigning (RFC 6960 4.2.2.2)"])
        }
        if ekus.contains(ExtendedKeyUsage.timeStamping) { return role(.tsu, ["extKeyUsage id-kp-timeStamping"]) }
        // The first in the certificate's order (a set's order changed from run to run).
        if let policy = policies.first(where: Self.isTimeStampPolicy) {
            return role(.tsu, ["time-stamp policy \(policy) (EN 319 421)"])
        }
        if extensions.qcStatements == nil, extensions.extendedKeyUsage == nil,
            let name = (subjectNames(certificate.tbs.subject)).first(where: Self.namesTimeStampingUnit)
        {
            return found(.tsu, ["no extKeyUsage, but the subject names a time-stamping unit (\"\(name)\")"])
        }
        let claim = claimedType(certificate, extensions)
        return found(claim.type, claim.reasons)
    }

    /// The policies without repeats, in the certificate's order: a certificate names one to
    /// three, and comparing them costs less than hashing them into a set.
    private static func distinct(_ policies: [ASN1ObjectIdentifier]) -> [ASN1ObjectIdentifier] {
        var distinct: [ASN1ObjectIdentifier] = []
        distinct.reserveCapacity(policies.count)
        for policy in policies where !distinct.contains(policy) { distinct.append(policy) }
        return distinct
    }

    /// An EN 319 421 time-stamp policy: 0.4.0.2023.1 or under it (read from the dotted text,
    /// which known identifiers carry, instead of decoding the arcs).
    private static func isTimeStampPolicy(_ policy: ASN1ObjectIdentifier) -> Bool {
        let text = policy.dotted
        return text == "0.4.0.2023.1" || text.hasPrefix("0.4.0.2023.1.")
    }

    /// Built once: detection runs for every certificate.
    private static let etsiWebPolicies: Set<ASN1ObjectIdentifier> = [
        PolicyIdentifiers.qevcpW, PolicyIdentifiers.qncpW, PolicyIdentifiers.qncpWGen, PolicyIdentifiers.evcp,
        PolicyIdentifiers.ovcp, PolicyIdentifiers.dvcp, PolicyIdentifiers.ivcp,
    ]
    private static let naturalPolicies: Set<ASN1ObjectIdentifier> = [
        PolicyIdentifiers.qcpN, PolicyIdentifiers.qcpNQSCD,
    ]
    private static let legalPolicies: Set<ASN1ObjectIdentifier> = [PolicyIdentifiers.qcpL, PolicyIdentifiers.qcpLQSCD]

    /// The type an end-entity certificate's claims make it — QCStatements, EN 319 411 and CA/B
    /// policies, the subject — whatever role its extended key usage gives it.
    private static func claimedType(
        _ certificate: Certificate, _ extensions: DecodedExtensions
    ) -> (type: CertificateType, reasons: [String]) {
        func found(_ type: CertificateType, _ reasons: [String]) -> (type: CertificateType, reasons: [String]) {
            (type, reasons)
        }
        let policies = Self.distinct(extensions.policies)
        let statements = extensions.statements
        let ekus = extensions.ekus ?? []
        let subject = certificate.tbs.subject
        let names = DistinguishedName.AttributeType.self
        let ids = PolicyIdentifiers.self

        var reasons: [String] = []
        let qcTypes = statements?.qcTypes ?? []
        let webPolicies = policies.filter { Self.etsiWebPolicies.contains($0) || ids.cab[$0] != nil }
        let etsiPolicies = policies.filter {
            ids.en319411_1[$0] != nil || ids.en319411_2[$0] != nil || $0 == ids.qcpWPSD2
        }
        // What the certificate claims: QCStatements, an ETSI policy or a CA/B Forum policy. Without
        // a claim, no ETSI profile is guessed from the subject or the EKU alone.
        let claims = extensions.qcStatements != nil || policies.contains(where: PolicyIdentifiers.isClaim)
        var isWeb = false
        if ekus.contains(ExtendedKeyUsage.serverAuth) {
            isWeb = true
            reasons.append("extKeyUsage serverAuth")
        }
        if qcTypes.contains(QCStatements.QcType.web) {
            isWeb = true
            reasons.append("QcType web")
        }
        if !webPolicies.isEmpty {
            isWeb = true
            reasons.append("policy " + webPolicies.map(PolicyIdentifiers.name).sorted().joined(separator: ", "))
        }

        let organizationIdentifier = subject.value(names.organizationIdentifier)
        let psd2Statement = statements?.contains(QCStatements.ID.psd2) == true
        if psd2Statement || (claims && organizationIdentifier?.hasPrefix("PSD") == true) {
            let why = psd2Statement ? "PSD2 qcStatement 0.4.0.19495.2" : "organizationIdentifier in the PSD scheme"
            guard isWeb else { return found(.psd2QSealC, [why] + reasons) }
            guard extensions.claimsBaselineRequirements else {
                return found(
                    .psd2QWACNonBrowser,
                    [why] + reasons + [
                        "no CA/B Forum policy and no EN 319 411 web policy built on the Baseline Requirements: for use outside browsers"
                    ])
            }
            return found(.psd2QWAC, [why] + reasons)
        }
        guard claims else {
            if let legacy = extensions.policies.compactMap({ PolicyIdentifiers.ts101456[$0] }).first {
                return found(
                    .endEntity,
                    reasons + [
                        "only the superseded policy \(legacy), no QCStatements: its profile is not checked, RFC 5280 basics only"
                    ])
            }
            return found(
                .endEntity,
                reasons + [
                    "no ETSI or CA/B Forum claim (no QCStatements, no EN 319 411-1/-2 or CA/B policy): RFC 5280 basics only"
                ])
        }

        let qualifiedPolicies = policies.filter { ids.en319411_2[$0] != nil }
        let hasCompliance = statements?.contains(QCStatements.ID.qcCompliance) == true
        if hasCompliance { reasons.append("QcCompliance") }
        if !qualifiedPolicies.isEmpty && !isWeb {
            reasons.append("policy " + qualifiedPolicies.map(PolicyIdentifiers.name).sorted().joined(separator: ", "))
        }
        let legislation = statements?.legislationCountries ?? []
        if hasCompliance, !legislation.isEmpty, qualifiedPolicies.isEmpty {
            // EN 319 412-5 §4.2.4: qualified under the named non-EU legislation, not under eIDAS.
            return found(
                .qcForeign,
                reasons + [
                    "QcCClegislation \(legislation.joined(separator: ", ")) (qualified under non-EU legislation)"
                ])
        }
        let qualified = hasCompliance || !qualifiedPolicies.isEmpty

        if isWeb {
            guard qualified else { return found(.web, reasons) }
            let ev = policies.contains(ids.qevcpW) || policies.contains(ids.cabEV)
            return found(ev ? .qevcpW : .qncpW, reasons)
        }

        // The subject names the person; where it names none, the claim does: QCP-n(-qscd) a
        // natural person, QCP-l(-qscd) a legal one, else QcType. The subject rules of that
        // profile then report what the subject lacks. A subject that contradicts the policy is
        // CERT-171's finding.
        let naturalPolicies = Self.naturalPolicies
        let legalPolicies = Self.legalPolicies
        var natural = false
        var legal = false
        if subject.namesNaturalPerson {
            natural = true
            reasons.append("subject names a natural person (givenName/surname/pseudonym)")
        } else if organizationIdentifier != nil || subject.value(names.organizationName) != nil {
            legal = true
            reasons.append("subject names an organisation (organizationName/organizationIdentifier)")
        } else if policies.contains(where: naturalPolicies.contains), !policies.contains(where: legalPolicies.contains)
        {
            natural = true
            reasons.append("the subject names no person; natural person by policy")
        } else if policies.contains(where: legalPolicies.contains), !policies.contains(where: naturalPolicies.contains)
        {
            legal = true
            reasons.append("the subject names no person; legal person by policy")
        } else if qcTypes.contains(QCStatements.QcType.esign) {
            natural = true
            reasons.append("QcType esign")
        } else if qcTypes.contains(QCStatements.QcType.eseal) {
            legal = true
            reasons.append("QcType eseal")
        }
        let qscd =
            statements?.contains(QCStatements.ID.qcSSCD) == true
            || policies.contains(ids.qcpNQSCD) || policies.contains(ids.qcpLQSCD)
        if qscd && qualified { reasons.append("key in a QSCD (QcSSCD or a -qscd policy)") }
        if natural { return found(qualified ? (qscd ? .qcpNQSCD : .qcpN) : .ncpN, reasons) }
        if legal { return found(qualified ? (qscd ? .qcpLQSCD : .qcpL) : .ncpL, reasons) }
        if qualified {
            return found(
                .qcUnstated, reasons + ["neither the subject, a policy nor QcType says natural or legal person"])
        }
        if !etsiPolicies.isEmpty {
            reasons.append("policy " + etsiPolicies.map(PolicyIdentifiers.name).sorted().joined(separator: ", "))
        }
        return found(
            .etsiEndEntity, reasons + ["neither the subject, a policy nor QcType says natural or legal person"])
    }
}
