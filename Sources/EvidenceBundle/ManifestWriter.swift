import AuditCore
import Foundation
import Pipeline

/// Writes the run manifest as pretty-printed JSON with sorted keys (stable bytes for stable runs).
public enum ManifestWriter {
    public static func data(_ manifest: RunManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(manifest)
        data.append(0x0A)
        return data
    }

    public static func write(_ manifest: RunManifest, to path: String) throws {
        try OutputFile.write([UInt8](data(manifest)), to: path)
    }
}
