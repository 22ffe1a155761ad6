import Foundation

/// What a run was: enough to re-run it and get the same evidence bytes.
public struct RunManifest: Sendable, Hashable, Codable {
    /// An input as given on the command line, with the hash of its bytes.
    public struct Input: Sendable, Hashable, Codable {
        public var path: String
        public var sha256: String?
        public init(path: String, sha256: String?) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var tool: String
    public var toolVersion: String
    /// SHA-256 over the catalogue documents used, in load order.
    public var catalogueSHA256: String
    /// SHA-256 of each profile document used, by document name.
    public var profileSHA256: [String: String]
    /// Command-line parameters that influence the evidence (profile, validation time, …).
    public var parameters: [String: String]
    /// The validation time given to every rule, ISO 8601.
    public var validationTime: String
    public var inputs: [Input]
    public var startedAt: String
    public var finishedAt: String
    /// Items per verdict, plus `items`.
    public var counts: [String: Int]
    /// The build of the tool (compiler, platform), for reproduction.
    public var build: String?
    /// Bundle files (name → SHA-256), every file of the bundle but the manifest and its signature.
    public var files: [String: String]?
    /// How the inputs were sampled, when they are a `trustaudit sample` file.
    public var sampling: SamplingRecord?
    /// The manifest fields that differ between two runs of the same inputs and parameters.
    public var volatileFields: [String]?
    /// Compact evidence (`--evidence compact`): every plan digest a record names, with the
    /// requirements it stands for; absent for full evidence.
    public var plans: [String: EvidencePlan]?

    public init(
        tool: String, toolVersion: String, catalogueSHA256: String, profileSHA256: [String: String],
        parameters: [String: String], validationTime: String, inputs: [Input], startedAt: String,
        finishedAt: String, counts: [String: Int]
    ) {
        self.tool = tool
        self.toolVersion = toolVersion
        self.catalogueSHA256 = catalogueSHA256
        self.profileSHA256 = profileSHA256
        self.parameters = parameters
        self.validationTime = validationTime
        self.inputs = inputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.counts = counts
    }
}
