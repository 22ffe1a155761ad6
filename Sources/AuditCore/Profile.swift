import Yams

/// A named selection of requirements with the grade each failure gets.
///
/// Profiles are data (`Profiles/*.yaml`): a TSP can write its own, stricter one without code.
/// A profile may extend another; its entries then add to or re-grade the parent's. It may also
/// include fragments (`Profiles/fragments/*.yaml`): requirement lists shared by profiles that do
/// not extend each other, such as the EU qualified statements of QCP-n, QCP-l and QNCP-w.
///
/// A fragment is written as a profile with only `name`, `title`, `kind`, `requirements` and
/// optionally `includes`.
public struct Profile: Sendable, Hashable, Codable {
    /// One requirement in a profile.
    public struct Entry: Sendable, Hashable, Codable {
        public var requirement: RequirementID
        public var grade: Grade

        public init(requirement: RequirementID, grade: Grade) {
            self.requirement = requirement
            self.grade = grade
        }

        enum CodingKeys: String, CodingKey {
            case requirement = "id"
            case grade
        }
    }

    public var name: String
    public var title: String
    public var kind: ArtefactKind
    public var extends: String?
    /// Fragments whose entries come after the parent's and before this profile's own, in order.
    public var includes: [String]?
    public var requirements: [Entry]
    /// What the profile expects of the artefact, for rules that depend on it (e.g. `subject:
    /// natural`, `qcType: esign`, `qscd: "true"`); keys and values are ``ProfileParameter``'s,
    /// checked on load. Inherited through `extends`, child wins.
    public var parameters: [String: String]?

    public init(
        name: String, title: String, kind: ArtefactKind, extends: String? = nil, includes: [String]? = nil,
        requirements: [Entry], parameters: [String: String]? = nil
    ) {
        self.name = name
        self.title = title
        self.kind = kind
        self.extends = extends
        self.includes = includes
        self.requirements = requirements
        self.parameters = parameters
    }

    /// Parses one profile document.
    public init(document: ProfileDocument) throws {
        try self.init(document: document, decoder: YAMLDecoder(encoding: .utf8))
    }

    init(document: ProfileDocument, decoder: YAMLDecoder) throws {
        do {
            self = try decoder.decode(Profile.self, from: document.text)
        } catch {
            throw AuditCoreError.invalidDocument("\(document.name): \(error)")
        }
        if document.isFragment, extends != nil || parameters != nil {
            throw AuditCoreError.invalidDocument(
                "\(document.name): a fragment lists requirements only (no extends, no parameters)")
        }
        try ProfileParameter.validate(parameters ?? [:], in: document)
    }
}

/// A profile with its `extends` chain flattened: the requirements to evaluate, in order, with
/// their grades.
public struct ResolvedProfile: Sendable, Hashable {
    public let name: String
    public let title: String
    public let kind: ArtefactKind
    public let entries: [Profile.Entry]
    /// The parameters of the profile and its ancestors (the profile's own win).
    public let parameters: [String: String]
    private let grades: [RequirementID: Grade]

    init(name: String, title: String, kind: ArtefactKind, entries: [Profile.Entry], parameters: [String: String]) {
        self.name = name
        self.title = title
        self.kind = kind
        self.entries = entries
        self.parameters = parameters
        self.grades = Dictionary(entries.map { ($0.requirement, $0.grade) }, uniquingKeysWith: { _, last in last })
    }

    public func grade(of requirement: RequirementID) -> Grade? { grades[requirement] }
}
