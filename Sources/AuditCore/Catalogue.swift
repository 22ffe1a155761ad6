import Yams

/// All requirements TrustAudit knows, automatic and manual, by id.
public struct Catalogue: Sendable {
    /// Requirements in id order.
    public let requirements: [Requirement]
    private let byID: [RequirementID: Requirement]
    /// The requirements whose definition came from a built-in document (for `profiles:`).
    let builtIn: Set<RequirementID>

    public init(_ requirements: [Requirement]) throws {
        try self.init(requirements, builtIn: [])
    }

    init(_ requirements: [Requirement], builtIn: Set<RequirementID>) throws {
        var byID: [RequirementID: Requirement] = [:]
        for requirement in requirements {
            guard byID.updateValue(requirement, forKey: requirement.id) == nil else {
                throw AuditCoreError.duplicateRequirement("\(requirement.id) is defined twice")
            }
        }
        self.byID = byID
        self.requirements = byID.values.sorted { $0.id < $1.id }
        self.builtIn = builtIn
    }

    public subscript(id: RequirementID) -> Requirement? { byID[id] }

    /// Loads catalogue documents in order; a later document may redefine a requirement of an
    /// earlier one (a user's `--profiles DIR` overriding the built-in wording), but one document
    /// may not define an id twice.
    public init(documents: [ProfileDocument]) throws {
        try self.init(documents: documents, decoder: YAMLDecoder(encoding: .utf8))
    }

    init(documents: [ProfileDocument], decoder: YAMLDecoder) throws {
        var merged: [RequirementID: Requirement] = [:]
        var builtIn = Set<RequirementID>()
        for document in documents where document.isCatalogue {
            let file: CatalogueFile
            do {
                file = try decoder.decode(CatalogueFile.self, from: document.text)
            } catch {
                throw AuditCoreError.invalidDocument("\(document.name): \(error)")
            }
            var inThisDocument = Set<RequirementID>()
            for requirement in file.requirements {
                guard inThisDocument.insert(requirement.id).inserted else {
                    throw AuditCoreError.duplicateRequirement("\(requirement.id) twice in \(document.name)")
                }
                merged[requirement.id] = requirement
                if document.isBuiltIn { builtIn.insert(requirement.id) } else { builtIn.remove(requirement.id) }
            }
        }
        try self.init(Array(merged.values), builtIn: builtIn)
    }
}

private struct CatalogueFile: Decodable {
    var requirements: [Requirement]
}
