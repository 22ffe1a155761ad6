import ArgumentParser
import Pipeline
import Run

/// The options that name a run's inputs, shared by `check` and `serve`.
struct RunInputOptions: ParsableArguments {
    @Option(name: .long, help: "Profile: auto (by item kind and claims) or a name from `trustaudit profiles`.")
    var profile = "auto"

    @Option(name: .long, help: "Directory of extra or overriding catalogue/profile YAML files.")
    var profiles: String?

    @Option(name: .long, help: "Validation time, ISO 8601 (e.g. 2026-06-01T12:00:00Z); default: now.")
    var at: String?

    @Option(
        name: .long,
        help:
            "Standards set to judge against (`trustaudit profiles` lists them; default: latest), or by-issuance: each certificate by the newest set in force at its notBefore."
    )
    var standards = "latest"

    @Option(
        name: .long,
        help: "Issuer certificate(s) for signature, name and key-identifier chaining (file or PEM bundle; repeatable).")
    var issuer: [String] = []

    @Option(
        name: .customLong("trusted-lists"),
        help: "Trusted list file or directory for the qualified-status cross-check (repeatable).")
    var trustedLists: [String] = []

    @Option(name: .long, help: "Time-stamps: the stamped data, to check the imprint.")
    var data: String?

    @Option(name: .long, help: "Time-stamps: the expected imprint, hex.")
    var digest: String?

    @Option(name: .long, help: "Time-stamps: the TimeStampReq (DER), for nonce, policy and imprint.")
    var request: String?

    @Option(name: .long, help: "Time-stamps: a policy OID the TSA announced (repeatable).")
    var policy: [String] = []

    @Option(name: .long, help: "Time-stamps: TSA CA certificate(s) the TSU must chain to (repeatable).")
    var ca: [String] = []

    @Option(name: .long, help: "Time-stamps: TSU certificate(s) for tokens without certificates (repeatable).")
    var tsu: [String] = []

    @Option(
        name: .long,
        help:
            "Revocation: a CRL file or folder giving checked certificates their status (REV-200), and the earlier CRLs a checked CRL's number must follow (REV-009); authenticated with --issuer (repeatable)."
    )
    var crl: [String] = []

    @Option(
        name: .long,
        help:
            "Revocation: an OCSP response file or folder giving checked certificates their status (REV-200); authenticated with --issuer (repeatable)."
    )
    var ocsp: [String] = []

    @Option(
        name: .customLong("ocsp-request"),
        help: "Revocation: the OCSPRequest (DER) the checked OCSP responses answer: nonce and CertIDs (REV-108).")
    var ocspRequest: String?

    @Option(
        name: .long,
        help:
            "Trusted lists: the LOTL whose pointers must authenticate each list (TL-072), or a snapshot folder (its newest LOTL; the others serve as pivots)."
    )
    var lotl: String?

    @Option(
        name: .long,
        help:
            "Trusted lists: the LOTL signing certificates published in the Official Journal (PEM); authenticates a LOTL through its pivots (TL-070, TL-071)."
    )
    var anchors: String?

    @Option(
        name: .long,
        help: "Trusted lists: folder of the official TS 119 612 XSDs (ts119612-v2.2.1/, ts119612-v2.4.1/, xmldsig/).")
    var schemas: String?

    @Option(
        name: .long,
        help:
            "Resource bound: the largest item in bytes (a whole file, a PEM block, an inflated gzip file); a larger one is a finding (1 GiB by default)."
    )
    var maxItemSize: Int = InputReader.defaultMaximumItemSize

    /// The inputs as the library takes them.
    var runOptions: RunOptions {
        var options = RunOptions()
        options.profile = profile
        options.profilesDirectory = profiles
        options.at = at
        options.standards = standards
        options.issuers = issuer
        options.trustedLists = trustedLists
        options.data = data
        options.digest = digest
        options.request = request
        options.policies = policy
        options.tsaCAs = ca
        options.tsuCertificates = tsu
        options.crls = crl
        options.ocspResponses = ocsp
        options.ocspRequest = ocspRequest
        options.lotl = lotl
        options.anchors = anchors
        options.schemas = schemas
        options.maximumItemSize = maxItemSize
        return options
    }
}
