import AuditCore
import Pipeline

/// `coverage.json` and `coverage.md`: every requirement of the profiles used and how it was
/// covered, so a conformity assessment report can show complete evaluation.
enum CoverageStatement {
    static func json(_ rows: [CoverageTally.Row], validationTime: String) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("validationTime", validationTime)
        out.key("requirements")
        out.beginArray()
        for row in rows {
            out.beginObject()
            out.field("requirement", row.requirement.id.rawValue)
            out.field("standard", row.requirement.standard)
            out.field("version", row.requirement.version)
            out.field("clause", row.requirement.clause)
            out.field("level", row.requirement.level.rawValue)
            out.field("automation", row.requirement.automation.rawValue)
            out.field("grade", row.grade?.rawValue)
            out.field("status", row.status)
            BundleJSON.counts(row.counts, into: &out)
            out.key("profiles")
            out.beginArray()
            for profile in row.profiles { out.value(profile) }
            out.endArray()
            out.field("text", row.requirement.text)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }

    static func markdown(_ rows: [CoverageTally.Row], validationTime: String) -> String {
        let automatic = rows.filter { $0.status != "manual" }
        var lines = [
            "# Coverage statement", "",
            "Validation time: \(validationTime). \(automatic.count) requirement(s) of the profiles used were evaluated "
                + "automatically by TrustAudit; \(rows.count - automatic.count) apply to the artefacts checked and are "
                + "to be checked by the auditor.", "",
            "| requirement | standard | clause | level | grade | coverage | items | pass | fail | n/a | not checked |",
            "|---|---|---|---|---|---|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let coverage = row.status == "manual" ? "manual — to be checked by the auditor" : row.status
            let cells = [
                row.requirement.id.rawValue, "\(row.requirement.standard) \(row.requirement.version)",
                row.requirement.clause,
                row.requirement.level.rawValue, row.grade?.rawValue ?? "", coverage, "\(row.counts.evaluated)",
                "\(row.counts.pass)",
                "\(row.counts.fail)", "\(row.counts.notApplicable)", "\(row.counts.notChecked)",
            ].map { $0.replacingOccurrences(of: "|", with: "\\|") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
