import AuditCore
import Digests

/// The compact evidence record of `--evidence compact`, for batch runs over CT logs: identity,
/// verdict, profile, the digest of the record's plan (listed in the run manifest), every
/// failed check in full, and only the ids of the checks that were not applicable or not
/// checked. A requirement of the plan that appears nowhere in the record passed.
///
/// Keys, in order: index, source, sha256, kind, type, profile, verdict, failed, evidence
/// (`"compact"`), plan, checks (outcome fail or error, as in a full record), notApplicable,
/// notChecked.
public enum CompactEvidenceJSON {
    /// The record as UTF-8 JSON followed by `\n`, with the plan it names.
    public static func line(_ evidence: ItemEvidence) -> (line: [UInt8], plan: EvidencePlan, digest: String) {
        let plan = EvidencePlan(evidence)
        let digest = SHA256.hex(Array(plan.canonicalText.utf8))
        var out = ByteSink(capacity: 512)
        EvidenceJSON.appendHead(evidence, profileReason: false, to: &out)
        out.append(Keys.evidence)
        out.append(Keys.plan)
        out.appendJSONString(digest)
        out.append(Keys.checks)
        let checks = evidence.checks
        var first = true
        for position in checks.indices where checks[position].outcome == .fail || checks[position].outcome == .error {
            if !first { out.append(0x2C) }
            first = false
            EvidenceJSON.appendCheck(checks, position, to: &out)
        }
        for (key, outcome) in [(Keys.notApplicable, Outcome.notApplicable), (Keys.notChecked, Outcome.notChecked)] {
            out.append(key)
            var listed = Set<RequirementID>()
            for position in checks.indices
            where checks[position].outcome == outcome && listed.insert(checks[position].requirement).inserted {
                if listed.count > 1 { out.append(0x2C) }
                out.appendJSONString(checks[position].requirement.rawValue)
            }
        }
        out.append(RecordKeys.end)
        return (out.bytes(), plan, digest)
    }

    private enum Keys {
        static let evidence = Array(#"],"evidence":"compact""#.utf8)
        static let plan = Array(#","plan":"#.utf8)
        static let checks = Array(#","checks":["#.utf8)
        static let notApplicable = Array(#"],"notApplicable":["#.utf8)
        static let notChecked = Array(#"],"notChecked":["#.utf8)
    }
}
