/// One checkable statement of a standard, in our own words, with where it comes from.
public struct Requirement: Sendable, Hashable, Codable {
    /// How strongly the standard words the requirement.
    public enum Level: String, Sendable, Hashable, Codable {
        case shall, should, may
    }

    /// Whether TrustAudit evaluates the requirement or the auditor must.
    public enum Automation: String, Sendable, Hashable, Codable {
        /// A rule in the code evaluates it on every applicable item.
        case automatic
        /// Listed in coverage statements as "to be checked by the auditor".
        case manual
    }

    public var id: RequirementID
    /// The standard's name, e.g. `IETF RFC 5280` or `ETSI EN 319 412-2`.
    public var standard: String
    /// The version (or publication date) the wording was taken from, e.g. `V2.3.1 (2023-09)`.
    public var version: String
    /// The clause, e.g. `4.1.2.2`.
    public var clause: String
    /// Further clauses of other standards that state the same requirement.
    public var alsoIn: [String]
    /// The requirement in one sentence, our own wording.
    public var text: String
    public var level: Level
    /// The artefact kinds the requirement can apply to.
    public var appliesTo: [ArtefactKind]
    public var automation: Automation
    /// A one-line fix hint for a failed check.
    public var fix: String?
    /// The day (`YYYY-MM-DD`) from which the requirement applies to an artefact, judged by its
    /// issuance (a certificate's notBefore): typically the publication of the first version of
    /// the standard that states it. An earlier artefact that fails the requirement is recorded as
    /// not applicable, with the reason, instead of as a non-conformity.
    public var inForceFrom: String?
    /// The profiles (or fragments) this requirement joins, with the grade each gives it, so that a
    /// new requirement is declared in one place: `profiles: { eu-qualified-statements: major }`.
    /// It joins after the profile's own entries, and only a profile of its own origin (built-in
    /// or `--profiles DIR`).
    public var profiles: [String: Grade]?

    public init(
        id: RequirementID, standard: String, version: String, clause: String, alsoIn: [String] = [],
        text: String, level: Level, appliesTo: [ArtefactKind], automation: Automation, fix: String? = nil
    ) {
        self.id = id
        self.standard = standard
        self.version = version
        self.clause = clause
        self.alsoIn = alsoIn
        self.text = text
        self.level = level
        self.appliesTo = appliesTo
        self.automation = automation
        self.fix = fix
    }

    enum CodingKeys: String, CodingKey {
        case id, standard, version, clause, alsoIn, text, level, appliesTo, automation, fix, inForceFrom, profiles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(RequirementID.self, forKey: .id)
        standard = try c.decode(String.self, forKey: .standard)
        version = try c.decode(String.self, forKey: .version)
        clause = try c.decode(String.self, forKey: .clause)
        alsoIn = try c.decodeIfPresent([String].self, forKey: .alsoIn) ?? []
        text = try c.decode(String.self, forKey: .text)
        level = try c.decode(Level.self, forKey: .level)
        appliesTo = try c.decode([ArtefactKind].self, forKey: .appliesTo)
        automation = try c.decode(Automation.self, forKey: .automation)
        fix = try c.decodeIfPresent(String.self, forKey: .fix)
        inForceFrom = try c.decodeIfPresent(String.self, forKey: .inForceFrom)
        profiles = try c.decodeIfPresent([String: Grade].self, forKey: .profiles)
        if let day = inForceFrom, CivilDay.secondsSince1970(day) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .inForceFrom, in: c, debugDescription: "\(id): inForceFrom \"\(day)\" is not a YYYY-MM-DD date")
        }
    }

    /// The citation as written in evidence: `IETF RFC 5280 (2008-05)`.
    public var citation: String { "\(standard) \(version)" }
}
