/// Why a bundle could not be written, signed or read: the one error type of this module.
public struct BundleError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Value: String, Sendable, Hashable {
            case notABundleFolder, unreadable, signing
        }
        fileprivate let value: Value
        /// The destination folder holds something that is not a bundle file.
        public static let notABundleFolder = Code(value: .notABundleFolder)
        /// A bundle file, shard, key or certificate cannot be read.
        public static let unreadable = Code(value: .unreadable)
        /// The manifest cannot be signed with the key and certificate given.
        public static let signing = Code(value: .signing)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let reason: String
    /// The folder or file concerned, or empty when the reason names it.
    public let location: String

    public var description: String {
        switch code {
        case .notABundleFolder: "\(location) holds \(reason), which is not a bundle file: use an empty or new folder"
        case .unreadable: "cannot read \(location)"
        default: "cannot sign the manifest: \(reason)"
        }
    }

    @inline(never)
    static func notABundleFolder(_ path: String, containing stranger: String) -> Self {
        .init(code: .notABundleFolder, reason: stranger, location: path)
    }

    @inline(never)
    static func unreadable(_ what: String) -> Self {
        .init(code: .unreadable, reason: "cannot be read", location: what)
    }

    @inline(never)
    static func signing(_ reason: String) -> Self { .init(code: .signing, reason: reason, location: "manifest.json") }
}
