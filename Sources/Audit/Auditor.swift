import AuditCore
import Certificates
import Digests
import Revocation
import Timestamps
import TrustedLists

/// Turns one input item into its evidence record: classify, pick the profile, run the checker of
/// the item's kind, grade. Pure and `Sendable`, so the pipeline can call it from any thread.
public struct Auditor: Sendable {
    public let profiles: ProfileSet
    public let selection: ProfileSelection
    public let context: EvaluationContext
    /// Issuer certificates for chain checks (`--issuer`), if supplied.
    public let issuers: IssuerStore?
    /// The pinned standard versions (`--standards`), if any; nil means the newest.
    public let standards: StandardsSet?
    /// Trusted lists for the qualified-status cross-check (`--trusted-lists`), if supplied.
    public let trustedLists: TrustedListStore?
    private let qualificationRules: RuleSet<InspectedCertificate>
    /// What the auditor supplied for time-stamp checks (data, request, policies, CAs, TSU certificates).
    public let timestampInputs: TimestampInputs
    /// The LOTL whose pointers authenticate trusted lists (`--lotl`), if supplied.
    public let lotl: LOTLPointers?
    /// The OJ-announced LOTL certificates and the pivot LOTLs (`--anchors`), if supplied.
    public let authentication: LOTLAuthentication?
    /// The official trusted-list schemas (`--schemas`), if supplied.
    public let schemas: TrustedListSchemas?
    /// Issuers, status sources (`--crl`, `--ocsp`) and the OCSP request, for revocation items
    /// and for the revocation status of certificates.
    public let revocationInputs: RevocationInputs
    private let classifier = ArtefactClassifier()
    private let resolved: [ArtefactKind: (profile: ResolvedProfile, reason: String)]
    /// Every profile's rules resolved once for the run, by profile name.
    private let certificatePlans: [String: ProfilePlan<InspectedCertificate>]
    private let timestampPlans: [String: ProfilePlan<InspectedTimestamp>]
    private let trustedListPlans: [String: ProfilePlan<InspectedTrustedList>]
    private let crlPlans: [String: ProfilePlan<InspectedCRL>]
    private let ocspPlans: [String: ProfilePlan<InspectedOCSPResponse>]
    /// `--standards by-issuance`: every dated standards set with its certificate plans; a
    /// certificate is judged by the set in force at its notBefore. Empty otherwise.
    private let issuanceStandards:
        [(from: Int64, set: StandardsSet, plans: [String: ProfilePlan<InspectedCertificate>])]

    /// - Throws: `AuditCoreError` when a named profile does not exist or a default is missing.
    public init(
        profiles: ProfileSet, selection: ProfileSelection, context: EvaluationContext, issuers: IssuerStore? = nil,
        standards: StandardsSet? = nil, trustedLists: TrustedListStore? = nil,
        timestampInputs: TimestampInputs = TimestampInputs(), lotl: LOTLPointers? = nil,
        schemas: TrustedListSchemas? = nil,
        authentication: LOTLAuthentication? = nil, standardsByIssuance: [StandardsSet] = [],
        revocationInputs: RevocationInputs = RevocationInputs()
    ) throws {
        var revocationInputs = revocationInputs
        revocationInputs.issuers = revocationInputs.issuers ?? issuers
        self.revocationInputs = revocationInputs
        self.lotl = lotl
        self.authentication = authentication
        self.schemas = schemas
        var timestampInputs = timestampInputs
        timestampInputs.trustedLists = timestampInputs.trustedLists ?? trustedLists
        self.timestampInputs = timestampInputs
        self.profiles = profiles
        self.issuers = issuers
        self.standards = standards
        self.trustedLists = trustedLists
        self.qualificationRules = QualificationRules.rules(store: trustedLists)
        self.selection = selection
        var context = context
        context.parameters.merge(standards?.parameters ?? [:]) { _, pinned in pinned }
        self.context = context
        var resolved: [ArtefactKind: (ResolvedProfile, String)] = [:]
        let requested = try selection.requestedProfile(in: profiles)
        for kind in ArtefactKind.allCases {
            if let requested, requested.kind == kind {
                resolved[kind] = (requested, "requested with --profile \(requested.name)")
                continue
            }
            let name = ProfileSelection.defaults[kind]!
            let profile = try profiles.profile(named: name)
            let reason =
                requested.map { "--profile \($0.name) is for \($0.kind) items; default profile for \(kind)" }
                ?? "default profile for \(kind) items"
            resolved[kind] = (profile, reason)
        }
        self.resolved = resolved
        func plans<Subject>(
            _ kind: ArtefactKind, _ ruleSets: [RuleSet<Subject>], standards: StandardsSet? = standards,
            context: EvaluationContext = context
        ) -> [String: ProfilePlan<Subject>] {
            profiles.profiles.filter { $0.value.kind == kind }.mapValues {
                ProfilePlan(
                    ruleSets, profile: $0, catalogue: profiles.catalogue, standards: standards, context: context)
            }
        }
        let certificateRuleSets = [
            CertificateRules.all, qualificationRules, RevocationStatusRules.rules(sources: revocationInputs.sources),
        ]
        certificatePlans = plans(.certificate, certificateRuleSets)
        // Dated sets in the order they came into force, each with its plans, resolved once.
        issuanceStandards = standardsByIssuance.compactMap { set in
            set.inForceFrom.flatMap(CivilDay.secondsSince1970).map { from in
                var pinned = context
                pinned.parameters.merge(set.parameters) { _, version in version }
                return (from, set, plans(.certificate, certificateRuleSets, standards: set, context: pinned))
            }
        }.sorted { $0.from < $1.from }
        timestampPlans = plans(.timestamp, [TimestampRules.all])
        trustedListPlans = plans(.trustedList, [TrustedListRules.all])
        crlPlans = plans(.crl, [CRLRules.all])
        ocspPlans = plans(.ocspResponse, [OCSPRules.all])
    }

    /// The evidence record of `item`.
    public func evidence(for item: InputItem) -> ItemEvidence {
        let sha256 = SHA256.hex(item.bytes)
        let classification =
            item.problem.map { Classification(form: .unknown, reason: $0) } ?? classifier.classify(item.bytes)
        var (profile, reason) = resolved[classification.kind]!
        let type: String
        let checks: [Check]
        var unsignedNote = ""
        switch classification.form {
        case .certificate, .tbsCertificate:
            var itemIssuers = issuers
            if let origin = item.origin, !origin.chain.isEmpty {
                // A CT entry brings its own chain: its issuers join the supplied ones.
                itemIssuers = (issuers ?? IssuerStore(certificates: [])).adding(origin.chain)
            }
            var inspected = InspectedCertificate(
                bytes: item.bytes, issuers: itemIssuers, logEntryType: item.origin?.logEntryType)
            if classification.form == .tbsCertificate, let wrapped = UnsignedCertificate.wrap(item.bytes) {
                inspected = InspectedCertificate(bytes: wrapped.certificate, issuers: itemIssuers, isUnsigned: true)
                unsignedNote =
                    "; checked as the certificate it will be: wrapped with a copy of its signature algorithm and an empty "
                    + "signature, so DER offsets count \(wrapped.headerLength) byte(s) more than in the TBSCertificate; CERT-018 does not apply"
            }
            let detection = inspected.detection
            if selection == .automatic || profile.kind != .certificate,
                let name = ProfileSelection.certificateProfiles[detection.type], let chosen = profiles.profiles[name]
            {
                profile = chosen
                reason = "auto: \(detection.type.rawValue) from " + detection.reasons.joined(separator: "; ")
            }
            type = detection.type.rawValue
            // Requirements judge a certificate by the standards in force when it was issued.
            let notBefore = inspected.certificate?.tbs.notBefore
            var plans = certificatePlans
            if let issued = notBefore?.secondsSince1970, let oldest = issuanceStandards.first {
                // The newest set in force at notBefore; the oldest when the certificate predates them all.
                let newest = issuanceStandards.last { $0.from <= issued }
                let chosen = newest ?? oldest
                let (set, predatesAll) = (chosen.set, newest == nil)
                plans = chosen.plans
                reason +=
                    "; standards \(set.name) (\(set.title)): "
                    + (predatesAll
                        ? "the oldest set implemented; the certificate (notBefore \(notBefore?.text ?? "")) predates it"
                        : "in force from \(set.inForceFrom ?? "") and the newest at notBefore \(notBefore?.text ?? "")")
            }
            let issuedText = notBefore.map { "\($0.text) (notBefore)" }
            var certificateChecks = plan(plans, profile).checks(
                inspected, issuedAt: notBefore?.secondsSince1970, issuedText: issuedText)
            if selection == .automatic, let claim = ClaimedProfile(detection, roleProfile: profile.name),
                let claimedPlan = plans[claim.claimedProfile]
            {
                let claimedChecks = claimedPlan.checks(
                    inspected, issuedAt: notBefore?.secondsSince1970, issuedText: issuedText)
                certificateChecks = claim.merged(certificateChecks, claimedChecks: claimedChecks)
                reason += "; " + claim.reason
            }
            checks = certificateChecks
        case .timestampToken, .timestampResponse:
            let form: InspectedTimestamp.Form = classification.form == .timestampToken ? .token : .response
            let inspected = InspectedTimestamp(bytes: item.bytes, form: form, inputs: timestampInputs)
            (type, checks) = (form.rawValue, plan(timestampPlans, profile).checks(inspected))
        case .trustedList:
            let inspected = InspectedTrustedList(
                bytes: item.bytes, pointers: lotl, schemas: schemas, authentication: authentication)
            (type, checks) = (inspected.detectedType, plan(trustedListPlans, profile).checks(inspected))
        case .crl:
            let inspected = InspectedCRL(bytes: item.bytes, inputs: revocationInputs)
            if selection == .automatic, let tls = RevocationProfiles.tlsProfile(for: inspected),
                let chosen = profiles.profiles[tls.name]
            {
                (profile, reason) = (chosen, "auto: " + tls.reason)
            }
            let thisUpdate = inspected.decoded?.thisUpdate
            type = inspected.decoded?.isDelta == true ? "deltaCRL" : "crl"
            checks = plan(crlPlans, profile).checks(
                inspected, issuedAt: thisUpdate?.secondsSince1970,
                issuedText: thisUpdate.map { "\($0.text) (thisUpdate)" })
        case .ocspResponse:
            let inspected = InspectedOCSPResponse(bytes: item.bytes, inputs: revocationInputs)
            if selection == .automatic, let tls = RevocationProfiles.tlsProfile(for: inspected),
                let chosen = profiles.profiles[tls.name]
            {
                (profile, reason) = (chosen, "auto: " + tls.reason)
            }
            let producedAt = inspected.basic?.producedAt
            type = inspected.basic == nil ? "ocspError" : "basicOCSPResponse"
            checks = plan(ocspPlans, profile).checks(
                inspected, issuedAt: producedAt?.secondsSince1970,
                issuedText: producedAt.map { "\($0.text) (producedAt)" })
        case .unknown:
            type = "unrecognised"
            let finding = Finding.fail(
                "INPUT-001", observed: classification.reason, location: "byte 0",
                message: "not a recognisable artefact: \(classification.reason)")
            checks = [
                Evaluation(catalogue: profiles.catalogue, profile: profile, standards: standards).check(for: finding)
            ]
        }
        return ItemEvidence(
            index: item.index, source: item.source, sha256: sha256, kind: classification.kind, type: type,
            profile: profile.name, profileReason: "\(reason); \(classification.reason)\(unsignedNote)", checks: checks)
    }

    /// The record of an item that crashed the checker in an earlier attempt of this run (crash
    /// containment, see `Supervisor`): not evaluated again; INPUT-002 with outcome `error`
    /// names the crash, so the item keeps its place and the run says it was not judged.
    public func crashEvidence(for item: InputItem, crash: String) -> ItemEvidence {
        let (profile, _) = resolved[.unknown]!
        let finding = Finding(
            requirement: "INPUT-002", outcome: .error, observed: crash, location: "item",
            message:
                "the check of this item was stopped (\(crash)) and the run restarted after it; no requirement of the item's kind "
                + "was evaluated. A crash is a TrustAudit defect: please report it with the item")
        let check = Evaluation(catalogue: profiles.catalogue, profile: profile, standards: standards).check(
            for: finding)
        return ItemEvidence(
            index: item.index, source: item.source, sha256: SHA256.hex(item.bytes), kind: .unknown,
            type: "checker-crash",
            profile: profile.name, profileReason: "crash containment: the item crashed the checker", checks: [check])
    }

    /// The plan of `profile`; a profile of another kind has no rules for this subject (as with
    /// ``RuleSet/evaluate(_:profile:in:)``, no rule of the set matches its requirements).
    private func plan<Subject>(_ plans: [String: ProfilePlan<Subject>], _ profile: ResolvedProfile) -> ProfilePlan<
        Subject
    > {
        plans[profile.name]
            ?? ProfilePlan([], profile: profile, catalogue: profiles.catalogue, standards: standards, context: context)
    }

    /// Every requirement some rule of this build evaluates, for the catalogue consistency test.
    public static var ruleRequirementIDs: [RequirementID] {
        ruleRequirementIDsByKind.values.flatMap { $0 }
    }

    /// The requirements the rules of each kind evaluate.
    public static var ruleRequirementIDsByKind: [ArtefactKind: [RequirementID]] {
        [
            .certificate: CertificateRules.all.requirementIDs + QualificationRules.requirementIDs
                + RevocationStatusRules.requirementIDs,
            .timestamp: TimestampRules.all.requirementIDs,
            .trustedList: TrustedListRules.all.requirementIDs,
            .crl: CRLRules.all.requirementIDs,
            .ocspResponse: OCSPRules.all.requirementIDs,
            .unknown: ["INPUT-001", "INPUT-002"],
        ]
    }
}

extension ProfileSelection {
    fileprivate func requestedProfile(in profiles: ProfileSet) throws -> ResolvedProfile? {
        switch self {
        case .automatic: nil
        case .named(let name): try profiles.profile(named: name)
        }
    }
}
