/// A YAML text of the catalogue or of a profile, with the name it was read from.
///
/// The built-in documents are compiled into the binary; `--profiles DIR` adds documents read
/// from disk. Keeping the text (not only the parsed value) lets the run manifest hash exactly
/// what was used.
public struct ProfileDocument: Sendable, Hashable {
    /// `catalogue/rfc5280.yaml`, `rfc5280-basics.yaml`, … relative to the profiles folder.
    public var name: String
    public var text: String
    /// Compiled into the binary from `Profiles/` (not read from `--profiles DIR`). A catalogue
    /// entry's `profiles:` joins only profiles of its own origin, so a user's profile that
    /// replaces a built-in one gets exactly the requirements it lists.
    public var isBuiltIn: Bool

    public init(name: String, isBuiltIn: Bool = false, text: String) {
        self.name = name
        self.text = text
        self.isBuiltIn = isBuiltIn
    }

    /// Catalogue documents live under `catalogue/`, standards sets under `standards/`, profile
    /// fragments (requirement lists that profiles `includes:`) under `fragments/`; every other
    /// document is a profile.
    public var isCatalogue: Bool { name.hasPrefix("catalogue/") }
    public var isStandardsSet: Bool { name.hasPrefix("standards/") }
    public var isFragment: Bool { name.hasPrefix("fragments/") }
    public var isProfile: Bool { !isCatalogue && !isStandardsSet && !isFragment }
}
