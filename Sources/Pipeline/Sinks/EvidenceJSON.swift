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
        for (key, value) in [
            (RecordKeys.source, evidence.source), (RecordKeys.sha256, evidence.sha256),
            (RecordKeys.kind, evidence.kind.rawValue),
            (RecordKeys.type, evidence.type), (RecordKeys.profile, evidence.profile),
        ] {
            out.append(key)
            out.appendJSONString(value)
        }
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
        out.append(checks[position].citation.jsonOpening)
        out.append(CheckKeys.outcomeAndGrade[CheckKeys.slot(checks[position].outcome, checks[position].grade)])
        if checks[position].observed == nil, checks[position].expected == nil, checks[position].location == nil,
            checks[position].message == nil
        {
            // Most checks are passes with nothing to say: their tail is one constant.
            return out.append(CheckKeys.nullTail)
        }
        out.appendJSONString(checks[position].observed)
        out.append(CheckKeys.expected)
        out.appendJSONString(checks[position].expected)
        out.append(CheckKeys.location)
        out.appendJSONString(checks[position].location)
        out.append(CheckKeys.message)
        out.appendJSONString(checks[position].message)
        out.append(CheckKeys.end)
    }
}

/// The fixed parts of a record, in its key order.
enum RecordKeys {
    static let index = Array(#"{"index":"#.utf8)
    static let source = Array(#","source":"#.utf8)
    static let sha256 = Array(#","sha256":"#.utf8)
    static let kind = Array(#","kind":"#.utf8)
    static let type = Array(#","type":"#.utf8)
    static let profile = Array(#","profile":"#.utf8)
    static let profileReason = Array(#","profileReason":"#.utf8)
    static let verdict = Array(#","verdict":"#.utf8)
    static let failed = Array(#","failed":["#.utf8)
    static let checks = Array(#"],"checks":["#.utf8)
    static let end = Array("]}\n".utf8)
}

/// The fixed parts of a check object, in the record's key order.
enum CheckKeys {
    /// `,"outcome":"…","grade":"…","observed":` for every outcome and grade, at ``slot(_:_:)``.
    static let outcomeAndGrade: [[UInt8]] = Outcome.allCases.flatMap { outcome in
        Grade.allCases.map { grade in
            Array(#","outcome":"\#(outcome.rawValue)","grade":"\#(grade.rawValue)","observed":"#.utf8)
        }
    }

    /// The position in ``outcomeAndGrade``: outcomes and grades in their declaration order
    /// (`allCases` builds an array per call, so not on this path).
    static func slot(_ outcome: Outcome, _ grade: Grade) -> Int {
        let row: Int
        switch outcome {
        case .pass: row = 0
        case .fail: row = 1
        case .notApplicable: row = 2
        case .notChecked: row = 3
        case .error: row = 4
        }
        let column: Int
        switch grade {
        case .observation: column = 0
        case .minor: column = 1
        case .major: column = 2
        }
        return row * 3 + column
    }

    /// The rest of a check whose observed, expected, location and message are all absent.
    static let nullTail = Array(#"null,"expected":null,"location":null,"message":null}"#.utf8)
    static let expected = Array(#","expected":"#.utf8)
    static let location = Array(#","location":"#.utf8)
    static let message = Array(#","message":"#.utf8)
    static let end = Array("}".utf8)
}
