import Yams

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
        // One decoder for every document: making one reads the whole environment (Yams looks
        // up its default encoding there), which was a tenth of the start-up.
        let decoder = YAMLDecoder(encoding: .utf8)
        let catalogue = try Catalogue(documents: documents, decoder: decoder)
        var raw: [String: Profile] = [:]
        var fragments: [String: Profile] = [:]
        var builtIn = Set<String>()
        for document in documents where document.isProfile || document.isFragment {
            let profile = try Profile(document: document, decoder: decoder)
            if document.isFragment { fragments[profile.name] = profile } else { raw[profile.name] = profile }
            if document.isBuiltIn { builtIn.insert(profile.name) } else { builtIn.remove(profile.name) }
        }
        try Self.join(catalogue, into: &raw, &fragments, builtIn: builtIn)
        var standards: [String: StandardsSet] = [:]
        for document in documents where document.isStandardsSet {
            let set = try StandardsSet(document: document, decoder: decoder)
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

    /// Appends every requirement that names a profile or fragment in its catalogue `profiles:` to
    /// that document's own entries, in id order, when both have the same origin.
    private static func join(
        _ catalogue: Catalogue, into raw: inout [String: Profile], _ fragments: inout [String: Profile],
        builtIn: Set<String>
    ) throws {
        for requirement in catalogue.requirements {
            for (name, grade) in (requirement.profiles ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard raw[name] != nil || fragments[name] != nil else {
                    throw AuditCoreError.unknownProfile(
                        "\(requirement.id) joins '\(name)' (catalogue profiles:), which is neither a profile nor a fragment"
                    )
                }
                guard builtIn.contains(name) == catalogue.builtIn.contains(requirement.id) else { continue }
                let entry = Profile.Entry(requirement: requirement.id, grade: grade)
                if var fragment = fragments[name] {
                    try append(entry, to: &fragment)
                    fragments[name] = fragment
                } else if var profile = raw[name] {
                    try append(entry, to: &profile)
                    raw[name] = profile
                }
            }
        }
    }

    private static func append(_ entry: Profile.Entry, to profile: inout Profile) throws {
        guard !profile.requirements.contains(where: { $0.requirement == entry.requirement }) else {
            throw AuditCoreError.invalidDocument(
                "\(entry.requirement) is listed by \(profile.name) and joins it through its catalogue profiles:; keep one"
            )
        }
        profile.requirements.append(entry)
    }
}
