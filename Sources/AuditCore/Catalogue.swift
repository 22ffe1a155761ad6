import Yams

/// All requirements TrustAudit knows, automatic and manual, by id.
public struct Catalogue: Sendable {
    /// Requirements in id order.
    public let requirements: [Requirement]
    private let byID: [RequirementID: Requirement]

    public init(_ requirements: [Requirement]) throws {
        var byID: [RequirementID: Requirement] = [:]
        for requirement in requirements {
            guard byID.updateValue(requirement, forKey: requirement.id) == nil else {
                throw AuditCoreError.duplicateRequirement("\(requirement.id) is defined twice")
            }
        }
        self.byID = byID
        self.requirements = byID.values.sorted { $0.id < $1.id }
    }

    public subscript(id: RequirementID) -> Requirement? { byID[id] }

    /// Loads catalogue documents in order; a later document may redefine a requirement of an
    /// earlier one (a user's `--profiles DIR` overriding the built-in wording), but one document
    /// may not define an id twice.
    public init(documents: [ProfileDocument]) throws {
        var merged: [RequirementID: Requirement] = [:]
        for document in documents where document.isCatalogue {
            let file: CatalogueFile
            do {
                file = try YAMLDecoder().decode(CatalogueFile.self, from: document.text)
            } catch {
                throw AuditCoreError.invalidDocument("\(document.name): \(error)")
            }
            var inThisDocument = Set<RequirementID>()
            for requirement in file.requirements {
                guard inThisDocument.insert(requirement.id).inserted else {
                    throw AuditCoreError.duplicateRequirement("\(requirement.id) twice in \(document.name)")
                }
                merged[requirement.id] = requirement
            }
        }
        try self.init(Array(merged.values))
    }
}

private struct CatalogueFile: Decodable {
    var requirements: [Requirement]
}
