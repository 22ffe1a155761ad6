import Yams

/// A pinned version per standard (`--standards NAME`): rules whose wording changed between
/// versions follow the pinned one, and checks cite it.
public struct StandardsSet: Sendable, Hashable, Codable {
    public var name: String
    public var title: String
    /// Standard name as in the catalogue (e.g. `ETSI EN 319 412-5`) → version text.
    public var versions: [String: String]
    /// The day (`YYYY-MM-DD`) from which these versions were the newest (`--standards
    /// by-issuance` judges a certificate by the newest set in force at its notBefore).
    public var inForceFrom: String?

    public init(name: String, title: String, versions: [String: String], inForceFrom: String? = nil) {
        self.name = name
        self.title = title
        self.versions = versions
        self.inForceFrom = inForceFrom
    }

    init(document: ProfileDocument, decoder: YAMLDecoder) throws {
        do {
            self = try decoder.decode(StandardsSet.self, from: document.text)
        } catch {
            throw AuditCoreError.invalidDocument("\(document.name): \(error)")
        }
    }

    /// The parameter key under which a rule finds the pinned version of `standard`.
    public static func parameterKey(_ standard: String) -> String { "standard:\(standard)" }

    /// The versions as evaluation parameters.
    public var parameters: [String: String] {
        Dictionary(uniqueKeysWithValues: versions.map { (Self.parameterKey($0.key), $0.value) })
    }
}

extension EvaluationContext {
    /// True when the pinned version of `standard` is at least `version` (`V2.5.1`), or when no
    /// version is pinned (the newest applies).
    public func standard(_ standard: String, isAtLeast version: String) -> Bool {
        guard pinsStandards, let pinned = parameters[StandardsSet.parameterKey(standard)] else { return true }
        return Self.versionNumbers(pinned).lexicographicallyPrecedes(Self.versionNumbers(version)) == false
    }

    /// `V2.5.1 (2023-09)` → [2, 5, 1]: the numbers of the first word, after its leading letters.
    static func versionNumbers(_ text: String) -> [Int] {
        var numbers: [Int] = []
        var current: Int?
        for byte in text.utf8 {
            if byte == 0x20 { break }
            if (0x30...0x39).contains(byte) {
                current = (current ?? 0) &* 10 &+ Int(byte - 0x30)
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        if let current { numbers.append(current) }
        return numbers
    }
}
