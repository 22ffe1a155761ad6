/// The tool's name, version and build as runs record them (manifest, SARIF, server headers).
public enum ToolIdentity {
    public static let name = "trustaudit"
    public static let version = "0.1.0"
    /// The build: compiler and platform.
    public static var build: String {
        #if os(Linux)
            let platform = "Linux"
        #elseif os(macOS)
            let platform = "macOS"
        #else
            let platform = "other"
        #endif
        #if arch(x86_64)
            let architecture = "x86_64"
        #elseif arch(arm64)
            let architecture = "arm64"
        #else
            let architecture = "other"
        #endif
        return "swift, \(platform) \(architecture)"
    }
}
