import Foundation
import PackagePlugin

/// Compiles `Profiles/**/*.yaml` into the target as `BuiltinProfiles.documents` at build time, so
/// the binary carries its catalogue and profiles wherever it is copied, and no generated Swift
/// is committed. The files are listed each time the build is planned: a new profile or catalogue
/// is picked up without touching this plugin or the manifest.
@main struct EmbedProfiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let profiles = context.package.directoryURL.appending(path: "Profiles")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinProfiles.swift")
        let inputs = (FileManager.default.enumerator(at: profiles, includingPropertiesForKeys: nil)?.allObjects ?? [])
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding Profiles/ into \(target.name)",
                executable: try context.tool(named: "ProfileEmbedder").url,
                arguments: [profiles.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
