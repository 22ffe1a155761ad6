/// A YAML text of the catalogue or of a profile, with the name it was read from.
///
/// The built-in documents are compiled into the binary; `--profiles DIR` adds documents read
/// from disk. Keeping the text (not only the parsed value) lets the run manifest hash exactly
/// what was used.
public struct ProfileDocument: Sendable, Hashable {
    /// `catalogue/rfc5280.yaml`, `rfc5280-basics.yaml`, … relative to the profiles folder.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Catalogue documents live under `catalogue/`, standards sets under `standards/`, profile
    /// fragments (requirement lists that profiles `includes:`) under `fragments/`; every other
    /// document is a profile.
    public var isCatalogue: Bool { name.hasPrefix("catalogue/") }
    public var isStandardsSet: Bool { name.hasPrefix("standards/") }
    public var isFragment: Bool { name.hasPrefix("fragments/") }
    public var isProfile: Bool { !isCatalogue && !isStandardsSet && !isFragment }
}
