import AuditCore

/// Writes an evidence record as one line of JSON with a fixed key order, so the same evidence is
/// the same bytes on every machine (a public contract: keys are added, never renamed or dropped).
public enum EvidenceJSON {
    /// The record as UTF-8 JSON followed by `\n`.
    public static func line(_ evidence: ItemEvidence) -> [UInt8] {
        // About 200 bytes per check: one allocation, rarely grown.
        var out = ByteSink(capacity: 1024 + evidence.checks.count * 256)
        appendHead(evidence, profileReason: true, to: &out)
        out.append(RecordKeys.checks)
        // Fields are read in place: copying a check would retain its eight strings.
        let checks = evidence.checks
        for position in checks.indices {
            if position > 0 { out.append(0x2C) }
            appendCheck(checks, position, to: &out)
        }
        out.append(RecordKeys.end)
        return out.bytes()
    }

    /// Appends the keys from `index` to the ids of `failed` (its array left open), with or
    /// without `profileReason`.
    static func appendHead(_ evidence: ItemEvidence, profileReason: Bool, to out: inout ByteSink) {
        out.append(RecordKeys.index)
        out.appendDecimal(evidence.index)
        out.append(RecordKeys.source)
        out.appendJSONString(evidence.source)
        out.append(RecordKeys.sha256)
        out.appendJSONString(evidence.sha256)
        out.append(RecordKeys.kind)
        out.appendJSONString(evidence.kind.rawValue)
        out.append(RecordKeys.type)
        out.appendJSONString(evidence.type)
        out.append(RecordKeys.profile)
        out.appendJSONString(evidence.profile)
        if profileReason {
            out.append(RecordKeys.profileReason)
            out.appendJSONString(evidence.profileReason)
        }
        out.append(RecordKeys.verdict)
        out.appendJSONString(evidence.verdict.rawValue)
        out.append(RecordKeys.failed)
        for (position, id) in evidence.failedRequirements.enumerated() {
            if position > 0 { out.append(0x2C) }
            out.appendJSONString(id.rawValue)
        }
    }

    /// Appends the check at `position` as a JSON object in the record's key order.
    static func appendCheck(_ checks: [Check], _ position: Int, to out: inout ByteSink) {
        // requirement, standard, version and clause: encoded once per run in the citation.
        let saysNothing =
            checks[position].observed == nil && checks[position].expected == nil
            && checks[position].location == nil && checks[position].message == nil
        // The citation is read unretained: the array holds it for the whole call.
        let citation = Unmanaged.passUnretained(checks[position].citation)
        if saysNothing, checks[position].outcome == .pass {
            // Most checks: the whole object, encoded once per run.
            let grade = checks[position].grade
            return citation._withUnsafeGuaranteedRef { $0.withPassObject(grade) { out.append($0) } }
        }
        citation._withUnsafeGuaranteedRef { $0.withJSONOpening { out.append($0) } }
        out.append(CheckJSON.outcomeAndGrade(checks[position].outcome, checks[position].grade))
        if saysNothing { return out.append(CheckJSON.nullTail) }
        out.appendJSONString(checks[position].observed)
        out.append(CheckJSON.expected)
        out.appendJSONString(checks[position].expected)
        out.append(CheckJSON.location)
        out.appendJSONString(checks[position].location)
        out.append(CheckJSON.message)
        out.appendJSONString(checks[position].message)
        out.append(CheckJSON.end)
    }
}

/// The fixed parts of a record, in its key order.
enum RecordKeys {
    static var index: StaticString { #"{"index":"# }
    static var source: StaticString { #","source":"# }
    static var sha256: StaticString { #","sha256":"# }
    static var kind: StaticString { #","kind":"# }
    static var type: StaticString { #","type":"# }
    static var profile: StaticString { #","profile":"# }
    static var profileReason: StaticString { #","profileReason":"# }
    static var verdict: StaticString { #","verdict":"# }
    static var failed: StaticString { #","failed":["# }
    static var checks: StaticString { #"],"checks":["# }
    static var end: StaticString { "]}\n" }
}
