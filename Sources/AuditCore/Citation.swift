/// What a check cites: the requirement and the standard, version and clause it comes from.
///
/// One instance per requirement is shared by every check of a run (a check then copies one
/// reference instead of four strings), and it carries its JSON once encoded, because the
/// evidence record writes the same citation for every item.
public final class Citation: Sendable {
    public let requirement: RequirementID
    public let standard: String
    public let version: String
    public let clause: String
    /// `{"requirement":"…","standard":"…","version":"…","clause":"…"` — the opening of a check
    /// object in the evidence record, in its key order.
    public let jsonOpening: [UInt8]

    public init(requirement: RequirementID, standard: String, version: String, clause: String) {
        self.requirement = requirement
        self.standard = standard
        self.version = version
        self.clause = clause
        var json = Array(#"{"requirement":"#.utf8)
        for (key, value) in [
            ("", requirement.rawValue), (#","standard":"#, standard), (#","version":"#, version),
            (#","clause":"#, clause),
        ] {
            json += Array(key.utf8) + [0x22]
            JSONEscaping.withEscaped(value) { json.append(contentsOf: $0) }
            json.append(0x22)
        }
        jsonOpening = json
    }
}
