import AuditCore
import Foundation
import SwiftASN1

/// Website certificates: EN 319 412-4 and the CA/B Forum Baseline Requirements it imports
/// (CERT-100 … CERT-107).
enum WebsiteRules {
    static let all: [Rule<InspectedCertificate>] = [
        subjectAltName, serverAuth, commonNameInSAN, validityLimit,
        qualifiedWebPolicies, qcTypeWeb, tlsKeyUsage, subjectAddress,
    ]

    /// SAN with at least one dNSName or iPAddress.
    static let subjectAltName = CertificateRules.profiled("CERT-100") { view, _ in
        switch view.extensions.subjectAltName {
        case nil:
            return [
                .fail(
                    observed: "absent", location: "extensions",
                    message: "a website certificate must list its names in subjectAltName")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let san)?:
            let usable = san.names.filter {
                if case .dnsName = $0 { return true }
                if case .ipAddress = $0 { return true }
                return false
            }
            if usable.isEmpty {
                return [
                    .fail(
                        observed: san.names.map(\.description).joined(separator: ", "), location: "subjectAltName",
                        message: "subjectAltName has no dNSName or iPAddress")
                ]
            }
            let internalNames = san.dnsNames.filter(isInternalName)
            if !internalNames.isEmpty, view.extensions.claimsBaselineRequirements {
                return [
                    .fail(
                        observed: internalNames.joined(separator: ", "), expected: "publicly resolvable domain names",
                        location: "subjectAltName",
                        message:
                            "internal names (single labels or reserved top-level domains) are not allowed in publicly-trusted TLS certificates"
                    )
                ]
            }
            return [.pass(observed: usable.map(\.description).joined(separator: ", "))]
        }
    }

    /// Top-level domains reserved for non-public use (RFC 2606, RFC 6761, RFC 6762 `.local`,
    /// ICANN's `.internal`); a name under them, or a single label, is an Internal Name (BR 1.6.1).
    static let reservedTopLevelDomains: Set<String> = [
        "test", "example", "invalid", "localhost", "local", "internal", "lan", "home", "corp",
    ]

    static func isInternalName(_ name: String) -> Bool {
        let labels = name.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, !last.isEmpty else { return true }
        return reservedTopLevelDomains.contains(String(last))
    }

    /// extKeyUsage with serverAuth (clientAuth allowed), nothing else.
    static let serverAuth = CertificateRules.profiled("CERT-101") { view, _ in
        switch view.extensions.extendedKeyUsage {
        case nil:
            return [
                .fail(
                    observed: "absent", expected: "serverAuth", location: "extensions",
                    message: "a website certificate must have extKeyUsage with serverAuth")
            ]
        case .failure(let error)?: return [.malformed(error)]
        case .success(let eku)?:
            let allowed: Set<ASN1ObjectIdentifier> = [ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth]
            let extra = eku.purposes.filter { !allowed.contains($0) }
            if !eku.purposes.contains(ExtendedKeyUsage.serverAuth) || !extra.isEmpty {
                return [
                    .fail(
                        observed: eku.purposes.map(\.dotted).joined(separator: ", "),
                        expected: "serverAuth (and optionally clientAuth) only", location: "extKeyUsage",
                        message: "extKeyUsage must contain serverAuth and no purpose other than clientAuth")
                ]
            }
            return []
        }
    }

    /// commonName, if present, is one of the SAN names.
    static let commonNameInSAN = CertificateRules.profiled("CERT-102") { view, _ in
        let names = view.subject.values(DistinguishedName.AttributeType.commonName)
        guard !names.isEmpty else { return [.notApplicable(because: "no commonName")] }
        guard let decoded = try? view.extensions.subjectAltName?.get() else {
            return [.notApplicable(because: "no readable subjectAltName (see CERT-100)")]
        }
        let san = Set(decoded.dnsNames.map { $0.lowercased() })
        let missing = names.filter { !san.contains($0.lowercased()) }
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: missing.joined(separator: ", "),
                    expected: "one of: \(san.sorted().joined(separator: ", "))",
                    location: "subject.commonName", message: "commonName is not among the subjectAltName dNSNames")
            ]
    }

    /// BR 6.3.2 limits by issuance date (notBefore), newest first: 47, 100, 200 days (on or after
    /// 2029-03-15, 2027-03-15, 2026-03-15, ballot SC-081), 398 (on or after 2020-09-01), 825 (after
    /// 2018-03-01), 39 months (after 2016-07-01, BR 1.7.1 text), 60 months before; months are
    /// calendar months. Seconds since 1970.
    private static let validityLimits: [(from: Int64, limit: ValidityLimit)] = [
        (1_868_918_400, .days(47)), (1_804_982_400, .days(100)), (1_773_532_800, .days(200)),
        (1_598_918_400, .days(398)), (1_519_862_401, .days(825)), (1_467_331_201, .months(39)),
        (Int64.min, .months(60)),
    ]

    enum ValidityLimit {
        case days(Int64)
        case months(Int)

        var text: String {
            switch self {
            case .days(let days): "\(days) days"
            case .months(let months): "\(months) months"
            }
        }
    }

    /// Maximum validity by issuance date (60 / 39 months, 825 / 398 / 200 / 100 / 47 days), for certificates that claim
    /// the BR by policy.
    static let validityLimit = CertificateRules.profiled("CERT-103") { view, context in
        let certificate = view.certificate
        guard let start = certificate.tbs.notBefore.secondsSince1970,
            let end = certificate.tbs.notAfter.secondsSince1970
        else {
            return [.notChecked(because: "a validity date cannot be read (see CERT-005)")]
        }
        guard view.extensions.claimsBaselineRequirements else {
            return [
                .notApplicable(
                    because:
                        "no CA/B Forum policy and no EN 319 411 web policy built on the BR: the BR validity limits do not apply"
                )
            ]
        }
        guard end >= start else {
            return [.notChecked(because: "notAfter precedes notBefore (see CERT-005)")]
        }
        // BR validity counts both ends: notAfter − notBefore + 1 second.
        let (seconds, overflow) = (end - start).addingReportingOverflow(1)
        guard !overflow else { return [.notChecked(because: "the validity period cannot be represented")] }
        let limit = validityLimits.first { start >= $0.from }?.limit ?? .months(60)
        // Days with two decimals, rounded half up, in integer arithmetic (no locale, no format).
        let hundredths = seconds / 864 + (seconds % 864 >= 432 ? 1 : 0)
        let fraction = hundredths % 100
        let observed =
            "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) days from \(certificate.tbs.notBefore.text)"
        let within: Bool
        switch limit {
        case .days(let days): within = seconds <= days * 86_400
        case .months(let months):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let from = Date(timeIntervalSince1970: TimeInterval(start))
            let latest =
                calendar.date(byAdding: .month, value: months, to: from).map { Int64($0.timeIntervalSince1970) }
                ?? Int64.max
            within = end <= latest
        }
        guard !within else { return [.pass(observed: observed)] }
        var finding = Finding.fail(
            observed: observed, expected: "at most \(limit.text) for this issuance date",
            location: "tbsCertificate.validity",
            message: "the validity period exceeds the \(limit.text) the CA/B Forum allows for certificates issued then")
        // TS 119 495 before V1.8.1 (OVR-6.1-3) let QCP-w-psd2 take precedence over the EV/BR rules
        // it augments; V1.8.1 (OVR-6.1-3C) allows it only without conflict. The CA/B claim stays.
        if view.extensions.policies.contains(PolicyIdentifiers.qcpWPSD2),
            !context.standard("ETSI TS 119 495", isAtLeast: "V1.8.1")
        {
            finding.gradeCap = .minor
            finding.message =
                "the validity exceeds the \(limit.text) of the CA/B policy the certificate claims; TS 119 495 before V1.8.1 "
                + "(OVR-6.1-3) gives QCP-w-psd2 precedence, so this is minor under the pinned version"
        }
        return [finding]
    }

    /// The policies of a QWAC agree with one another: - QEVCP-w (1.4) comes with the CA/B EV policy, QNCP-w (1.5) with
    /// CA/B OV or IV (it builds   on OVCP/IVCP, so DV is not enough); QNCP-w-gen (1.6) builds on NCP and asks for no
    /// CA/B   policy (one there is inconsistent: minor); - at most one of 1.4/1.5/1.6, and (from 2023-09-15) at most
    /// one CA/B reserved policy; - the EN 319 411-2 web policy itself is a should (minor).
    static let qualifiedWebPolicies = CertificateRules.profiled("CERT-104") { view, _ in
        let policies = Set(view.extensions.policies)
        let ids = PolicyIdentifiers.self
        let observed = policies.map(PolicyIdentifiers.name).sorted().joined(separator: ", ")
        let etsiWeb = policies.intersection([ids.qevcpW, ids.qncpW, ids.qncpWGen])
        let cab = policies.filter { ids.cab[$0] != nil }
        var findings: [Finding] = []
        func major(_ expected: String, _ message: String) {
            findings.append(
                .fail(observed: observed, expected: expected, location: "certificatePolicies", message: message))
        }
        if etsiWeb.count > 1 {
            major(
                "one of QEVCP-w, QNCP-w, QNCP-w-gen",
                "a certificate is issued under one EN 319 411-2 web policy, not several")
        }
        if cab.count > 1, let issued = view.tbs.notBefore.secondsSince1970, issued >= CivilDay.literal("2023-09-15") {
            major(
                "exactly one CA/B Forum reserved policy",
                "the Baseline Requirements (7.1.2.7.9) allow exactly one CA/B reserved policy")
        }
        if policies.contains(ids.qevcpW), !policies.contains(ids.cabEV) {
            major("CA/B EV 2.23.140.1.1 with QEVCP-w", "a QEVCP-w certificate must carry the CA/B Forum EV policy")
        }
        if policies.contains(ids.qevcpW), !cab.subtracting([ids.cabEV]).isEmpty {
            major(
                "no CA/B OV, IV or DV policy with QEVCP-w", "QEVCP-w is EV: a CA/B OV, IV or DV policy contradicts it")
        }
        if policies.contains(ids.qncpW) {
            if cab.isDisjoint(with: [ids.cabOV, ids.cabIV]) {
                major(
                    "CA/B OV 2.23.140.1.2.2 or IV 2.23.140.1.2.3 with QNCP-w",
                    "a QNCP-w certificate must carry the CA/B Forum OV or IV policy (QNCP-w builds on OVCP or IVCP; DV is not enough)"
                )
            }
            if cab.contains(ids.cabEV) || cab.contains(ids.cabDV) {
                major("no CA/B EV or DV policy with QNCP-w", "QNCP-w is OV/IV: a CA/B EV or DV policy contradicts it")
            }
        }
        if etsiWeb == [ids.qncpWGen], !cab.isEmpty {
            findings.append(
                .shouldFail(
                    observed: observed, expected: "QNCP-w-gen without CA/B policies, or QNCP-w/QEVCP-w with them",
                    location: "certificatePolicies",
                    message:
                        "QNCP-w-gen builds on NCP, while a CA/B policy claims full Baseline Requirements compliance; choose the matching EN 319 411-2 policy"
                ))
        }
        if etsiWeb.isEmpty {
            let ev = cab.contains(ids.cabEV)
            findings.append(
                .shouldFail(
                    observed: observed,
                    expected: ev
                        ? "QEVCP-w 0.4.0.194112.1.4" : "QNCP-w 0.4.0.194112.1.5 or QNCP-w-gen 0.4.0.194112.1.6",
                    location: "certificatePolicies",
                    message: "a qualified website certificate should carry its EN 319 411-2 web policy"))
        }
        if findings.isEmpty && etsiWeb == [ids.qncpWGen] {
            return [.pass(observed: observed + " (QNCP-w-gen: no CA/B Forum policy required)")]
        }
        return findings
    }

    /// An EU QWAC's QcType is web.
    static let qcTypeWeb = CertificateRules.profiled("CERT-105") { view, _ in
        let types = view.statements?.qcTypes ?? []
        return types == [QCStatements.QcType.web]
            ? []
            : [
                .fail(
                    observed: types.isEmpty ? "no QcType" : types.map(\.dotted).joined(separator: ", "),
                    expected: "QcType web 0.4.0.1862.1.6.3", location: "qcStatements.QcType",
                    message: "an EU qualified website certificate must declare QcType web")
            ]
    }

    /// The subject address the CA/B Forum asks of validated organisations — EV Guidelines 9.2.5 (localityName
    /// required), BR 7.1.2.7.4 for OV/IV (localityName or stateOrProvinceName) — for certificates that claim EV, OV or
    /// IV by policy.
    static let subjectAddress = CertificateRules.profiled("CERT-326") { view, _ in
        let ids = PolicyIdentifiers.self
        let policies = Set(view.extensions.policies)
        let ev = !policies.isDisjoint(with: [ids.cabEV, ids.evcp, ids.qevcpW])
        let organisation = !policies.isDisjoint(with: [ids.cabOV, ids.cabIV, ids.ovcp, ids.ivcp, ids.qncpW])
        guard ev || organisation else {
            return [.notApplicable(because: "no EV, OV or IV policy (CA/B or EN 319 411 built on them)")]
        }
        let names = DistinguishedName.AttributeType.self
        let locality = view.subject.value(names.localityName)
        let state = view.subject.value(names.stateOrProvinceName)
        if ev {
            return locality != nil
                ? [.pass(observed: "localityName \(locality!)")]
                : [
                    .fail(
                        observed: "no localityName", expected: "localityName", location: "subject",
                        message: "an EV certificate names the locality of the place of business (EV Guidelines 9.2.5)")
                ]
        }
        return locality != nil || state != nil
            ? [.pass(observed: [locality, state].compactMap { $0 }.joined(separator: ", "))]
            : [
                .fail(
                    observed: "neither localityName nor stateOrProvinceName",
                    expected: "localityName or stateOrProvinceName",
                    location: "subject",
                    message: "an OV or IV certificate names the locality or the state or province (BR 7.1.2.7.4)")
            ]
    }

    /// digitalSignature (EC) or digitalSignature/keyEncipherment (RSA); never nonRepudiation, keyCertSign or cRLSign.
    static let tlsKeyUsage = CertificateRules.profiled("CERT-107") { view, _ in
        guard view.extensions.claimsBaselineRequirements else {
            return [
                .notApplicable(
                    because:
                        "no CA/B Forum policy and no EN 319 411 web policy built on the BR: the BR key-usage profile does not apply"
                )
            ]
        }
        guard let usage = view.extensions.usage else {
            return [.notApplicable(because: "keyUsage absent (BR allows it for some subscribers)")]
        }
        let isRSA = (try? view.extensions.publicKey.get())?.rsaModulusBits != nil
        let allowed: Set<KeyUsage.Bit> =
            isRSA ? [.digitalSignature, .keyEncipherment] : [.digitalSignature, .keyAgreement]
        let extra = usage.bits.subtracting(allowed)
        return extra.isEmpty
            ? []
            : [
                .fail(
                    observed: "\(usage)",
                    expected: isRSA ? "digitalSignature and/or keyEncipherment" : "digitalSignature",
                    location: "keyUsage",
                    message:
                        "TLS server certificates must not assert \(extra.map { "\($0)" }.sorted().joined(separator: ", "))"
                )
            ]
    }
}
