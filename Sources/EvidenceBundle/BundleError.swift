/// Why a bundle could not be written, signed or read.
public enum BundleError: Error, CustomStringConvertible, Sendable {
    case notABundleFolder(String, containing: String)
    case unreadable(String)
    case signing(String)

    public var description: String {
        switch self {
        case .notABundleFolder(let path, let stranger):
            return "\(path) holds \(stranger), which is not a bundle file: use an empty or new folder"
        case .unreadable(let what): return "cannot read \(what)"
        case .signing(let reason): return "cannot sign the manifest: \(reason)"
        }
    }
}
