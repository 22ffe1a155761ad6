/// The catalogue and every profile of a run, checked against each other.
public struct ProfileSet: Sendable {
    public let catalogue: Catalogue
    /// Profiles by name, resolved (extends flattened, ids checked).
    public let profiles: [String: ResolvedProfile]
    /// Standards sets by name (`--standards`).
    public let standards: [String: StandardsSet]
    /// The documents this set was built from, in load order (for hashing into the manifest).
    public let documents: [ProfileDocument]

    /// Builds the set from documents in order: built-in first, then the user's, so a user's
    /// profile or requirement of the same name replaces the built-in one.
    public init(documents: [ProfileDocument]) throws {
        let catalogue = try Catalogue(documents: documents)
        var raw: [String: Profile] = [:]
        var fragments: [String: Profile] = [:]
        for document in documents where document.isProfile || document.isFragment {
            let profile = try Profile(document: document)
            if document.isFragment { fragments[profile.name] = profile } else { raw[profile.name] = profile }
        }
        var standards: [String: StandardsSet] = [:]
        for document in documents where document.isStandardsSet {
            let set = try StandardsSet(document: document)
            standards[set.name] = set
        }
        var resolved: [String: ResolvedProfile] = [:]
        for name in raw.keys.sorted() {
            resolved[name] = try Self.resolve(name, in: raw, fragments: fragments, catalogue: catalogue, visiting: [])
        }
        self.catalogue = catalogue
        self.profiles = resolved
        self.standards = standards
        self.documents = documents
    }

    /// The profile of that name.
    public func profile(named name: String) throws -> ResolvedProfile {
        guard let profile = profiles[name] else {
            let known = profiles.keys.sorted().joined(separator: ", ")
            throw AuditCoreError.unknownProfile("no profile named '\(name)' (known: \(known))")
        }
        return profile
    }

    /// The standards set of that name.
    public func standardsSet(named name: String) throws -> StandardsSet {
        guard let set = standards[name] else {
            let known = standards.keys.sorted().joined(separator: ", ")
            throw AuditCoreError.unknownProfile("no standards set named '\(name)' (known: \(known))")
        }
        return set
    }

    /// Profile names in alphabetical order.
    public var names: [String] { profiles.keys.sorted() }

    private static func resolve(
        _ name: String, in raw: [String: Profile], fragments: [String: Profile], catalogue: Catalogue,
        visiting: [String]
    ) throws -> ResolvedProfile {
        guard let profile = raw[name] else {
            throw AuditCoreError.unknownProfile("'\(visiting.last ?? name)' extends unknown profile '\(name)'")
        }
        guard !visiting.contains(name) else {
            throw AuditCoreError.profileCycle((visiting + [name]).joined(separator: " → "))
        }
        var entries: [Profile.Entry] = []
        var parameters: [String: String] = [:]
        if let parent = profile.extends {
            let base = try resolve(
                parent, in: raw, fragments: fragments, catalogue: catalogue, visiting: visiting + [name])
            guard base.kind == profile.kind else {
                throw AuditCoreError.invalidDocument("\(name) (\(profile.kind)) extends \(parent) (\(base.kind))")
            }
            entries = base.entries
            parameters = base.parameters
        }
        parameters.merge(profile.parameters ?? [:]) { _, own in own }
        for entry in try included(profile, by: name, fragments: fragments, visiting: []) + profile.requirements {
            guard let requirement = catalogue[entry.requirement] else {
                throw AuditCoreError.unknownRequirement(
                    "profile \(name) names \(entry.requirement), not in the catalogue")
            }
            guard requirement.appliesTo.contains(profile.kind) else {
                throw AuditCoreError.invalidDocument(
                    "profile \(name) is for \(profile.kind) but \(entry.requirement) applies to \(requirement.appliesTo)"
                )
            }
            if let existing = entries.firstIndex(where: { $0.requirement == entry.requirement }) {
                entries[existing] = entry
            } else {
                entries.append(entry)
            }
        }
        return ResolvedProfile(
            name: profile.name, title: profile.title, kind: profile.kind, entries: entries, parameters: parameters)
    }

    /// The entries of the fragments `profile` includes, each fragment's own includes first.
    private static func included(
        _ profile: Profile, by name: String, fragments: [String: Profile], visiting: [String]
    ) throws -> [Profile.Entry] {
        var entries: [Profile.Entry] = []
        for fragmentName in profile.includes ?? [] {
            guard let fragment = fragments[fragmentName] else {
                let known = fragments.keys.sorted().joined(separator: ", ")
                throw AuditCoreError.unknownProfile(
                    "'\(name)' includes unknown fragment '\(fragmentName)' (known: \(known.isEmpty ? "none" : known))")
            }
            guard !visiting.contains(fragmentName) else {
                throw AuditCoreError.profileCycle(([name] + visiting + [fragmentName]).joined(separator: " → "))
            }
            guard fragment.kind == profile.kind else {
                throw AuditCoreError.invalidDocument(
                    "\(name) (\(profile.kind)) includes fragment \(fragmentName) (\(fragment.kind))")
            }
            entries += try included(fragment, by: name, fragments: fragments, visiting: visiting + [fragmentName])
            entries += fragment.requirements
        }
        return entries
    }
}
