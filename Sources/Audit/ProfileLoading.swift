import AuditCore
import Foundation

extension ProfileSet {
    /// The built-in catalogue and profiles, plus every `*.yaml` under `directory` (a user's
    /// `--profiles DIR`), which add to or override the built-in ones by id and name.
    public static func load(overridesFrom directory: String? = nil) throws -> ProfileSet {
        var documents = BuiltinProfiles.documents
        if let directory {
            documents += try ProfileDocument.read(directory: directory)
        }
        return try ProfileSet(documents: documents)
    }
}

extension ProfileDocument {
    /// Reads `*.yaml` files below `directory`, catalogue documents (under `catalogue/`) first.
    public static func read(directory: String) throws -> [ProfileDocument] {
        let base = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AuditCoreError.invalidDocument("\(directory) is not a directory")
        }
        let files = (FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.allObjects ?? [])
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
        var documents: [ProfileDocument] = []
        for file in files {
            let name = String(file.standardizedFileURL.path.dropFirst(base.path.count + 1))
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw AuditCoreError.invalidDocument("\(file.path) is not readable UTF-8")
            }
            documents.append(ProfileDocument(name: name, text: text))
        }
        return documents.sorted { ($0.isCatalogue ? 0 : 1, $0.name) < ($1.isCatalogue ? 0 : 1, $1.name) }
    }
}
