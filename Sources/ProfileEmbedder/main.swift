import Foundation

// Writes the Swift source of `BuiltinProfiles`: every `*.yaml` below the profiles folder as a
// `ProfileDocument`, catalogue documents first (profiles resolve against a complete catalogue),
// then by path. Run by the EmbedProfiles build-tool plugin.
// usage: ProfileEmbedder PROFILES_DIR OUTPUT.swift

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ProfileEmbedder PROFILES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1], isDirectory: true).standardizedFileURL
var documents: [(name: String, text: String)] = []
for case let file as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects ?? []
where file.pathExtension == "yaml" {
    let name = String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        FileHandle.standardError.write(Data("ProfileEmbedder: \(file.path) is not readable UTF-8\n".utf8))
        exit(1)
    }
    documents.append((name, text))
}
documents.sort {
    ($0.name.hasPrefix("catalogue/") ? 0 : 1, $0.name) < ($1.name.hasPrefix("catalogue/") ? 0 : 1, $1.name)
}

/// A raw string delimiter longer than any run of `#` after a quote in the text, so no file can
/// end its literal early.
func delimiter(for text: String) -> String {
    var longest = 0
    var run = -1
    for character in text {
        if character == "\"" {
            run = 0
        } else if character == "#", run >= 0 {
            run += 1
            longest = max(longest, run)
        } else {
            run = -1
        }
    }
    return String(repeating: "#", count: longest + 1)
}

var out = """
    // Generated at build time by the EmbedProfiles plugin from Profiles/.
    import AuditCore

    /// The catalogue and default profiles compiled into the binary (from `Profiles/`).
    public enum BuiltinProfiles {
        public static let documents: [ProfileDocument] = [

    """
for (name, text) in documents {
    let hashes = delimiter(for: text)
    // A multi-line literal drops the newline before its closing delimiter: the text's own final
    // newlines are trimmed and the loader reads the same YAML.
    var body = Substring(text)
    while body.hasSuffix("\n") { body = body.dropLast() }
    out +=
        "        ProfileDocument(name: \"\(name)\", isBuiltIn: true, text: \(hashes)\"\"\"\n\(body)\n\"\"\"\(hashes)),\n"
}
out += "    ]\n}\n"
do {
    try Data(out.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("ProfileEmbedder: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}

#if FUZZING
    /// `make fuzz` hands `-sanitize=fuzzer` to every Swift compilation, this build tool's too, and
    /// libFuzzer's runtime then wants a fuzz entry point to link. The tool never fuzzes: its own
    /// `main` runs and this is never called.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func unusedFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { 0 }
#endif
