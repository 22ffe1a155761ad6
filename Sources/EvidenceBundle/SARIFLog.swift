import AuditCore
import Pipeline

/// SARIF 2.1.0 output (`check --format sarif`), so a TSP's CI shows findings as code-scanning
/// alerts: one result per failed check, the requirement as the rule, major → error,
/// minor → warning, observation → note, the item's file as the artifact.
public struct SARIFLog: Sendable {
    private var results: [[UInt8]] = []
    private var ruleIDs: [RequirementID] = []
    private var seenRules: Set<RequirementID> = []

    public init() {}

    public mutating func add(_ record: ItemEvidence) {
        for check in record.checks where check.outcome == .fail {
            if seenRules.insert(check.requirement).inserted { ruleIDs.append(check.requirement) }
            var out = JSONWriter()
            out.beginObject()
            out.field("ruleId", check.requirement.rawValue)
            out.field("level", Self.level(check.grade))
            out.key("message")
            out.beginObject()
            out.field(
                "text",
                [check.message, check.observed.map { "Observed: \($0)" }, check.expected.map { "Expected: \($0)" }]
                    .compactMap { $0 }.joined(separator: " ").ifEmpty("\(check.requirement.rawValue) not met"))
            out.endObject()
            out.key("locations")
            out.beginArray()
            out.beginObject()
            out.key("physicalLocation")
            out.beginObject()
            out.key("artifactLocation")
            out.beginObject()
            out.field("uri", Self.file(of: record.source))
            out.endObject()
            out.endObject()
            if let location = check.location {
                out.key("logicalLocations")
                out.beginArray()
                out.beginObject()
                out.field("fullyQualifiedName", location)
                out.endObject()
                out.endArray()
            }
            out.endObject()
            out.endArray()
            out.key("partialFingerprints")
            out.beginObject()
            out.field("itemSha256/v1", record.sha256)
            out.endObject()
            out.key("properties")
            out.beginObject()
            out.field("itemIndex", record.index)
            out.field("source", record.source)
            out.field("profile", record.profile)
            out.field("grade", check.grade.rawValue)
            out.field("verdict", record.verdict.rawValue)
            out.endObject()
            out.endObject()
            results.append(out.bytes)
        }
    }

    static func level(_ grade: Grade) -> String {
        switch grade {
        case .major: "error"
        case .minor: "warning"
        default: "note"
        }
    }

    /// The file part of a source locator (`dir/a.pem#3` → `dir/a.pem`).
    static func file(of source: String) -> String {
        String(source.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(source))
    }

    /// The whole log.
    public func document(catalogue: Catalogue, toolVersion: String) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        out.field("version", "2.1.0")
        out.key("runs")
        out.beginArray()
        out.beginObject()
        out.key("tool")
        out.beginObject()
        out.key("driver")
        out.beginObject()
        out.field("name", "trustaudit")
        out.field("version", toolVersion)
        out.key("rules")
        out.beginArray()
        for id in ruleIDs {
            let requirement = catalogue[id]
            out.beginObject()
            out.field("id", id.rawValue)
            out.key("shortDescription")
            out.beginObject()
            out.field("text", requirement.map { "\($0.standard) \($0.version) \($0.clause)" } ?? id.rawValue)
            out.endObject()
            out.key("fullDescription")
            out.beginObject()
            out.field("text", requirement?.text ?? id.rawValue)
            out.endObject()
            if let fix = requirement?.fix {
                out.key("help")
                out.beginObject()
                out.field("text", fix)
                out.endObject()
            }
            out.key("properties")
            out.beginObject()
            out.field("standard", requirement?.standard)
            out.field("clause", requirement?.clause)
            out.field("level", requirement?.level.rawValue)
            out.endObject()
            out.endObject()
        }
        out.endArray()
        out.endObject()
        out.endObject()
        out.raw("results", Array("[".utf8) + Array(results.joined(separator: [0x2C])) + Array("]".utf8))
        out.endObject()
        out.endArray()
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
