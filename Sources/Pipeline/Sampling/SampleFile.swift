import AuditCore
import Foundation

/// The `trustaudit sample` file (JSON Lines): a first line with the sampling record, then one
/// line per sampled item with its population index, source, SHA-256 and bytes (base64). `check`
/// reads it like any other input and records the sampling in the manifest.
public enum SampleFile {
    static let firstLinePrefix = "{\"trustauditSample\":"

    /// The first line.
    public static func header(_ record: SamplingRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = Array(firstLinePrefix.utf8) + Array("1,\"sampling\":".utf8)
        line += [UInt8](try encoder.encode(record))
        line += Array("}\n".utf8)
        return line
    }

    /// One sampled item's line.
    public static func line(populationIndex: Int, source: String, sha256: String, bytes: [UInt8]) -> [UInt8] {
        var out = JSONWriter()
        out.beginObject()
        out.field("index", populationIndex)
        out.field("source", source)
        out.field("sha256", sha256)
        out.field("bytes", Data(bytes).base64EncodedString())
        out.endObject()
        out.bytes.append(0x0A)
        return out.bytes
    }

    static func record(_ line: [UInt8]) -> SamplingRecord? {
        struct Header: Decodable { var sampling: SamplingRecord }
        return try? JSONDecoder().decode(Header.self, from: Data(line)).sampling
    }

    static func entry(_ line: [UInt8]) -> (source: String, bytes: [UInt8])? {
        struct Entry: Decodable {
            var index: Int
            var source: String
            var bytes: String
        }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)),
            let bytes = Data(base64Encoded: entry.bytes)
        else { return nil }
        return ("population #\(entry.index) \(entry.source)", [UInt8](bytes))
    }
}
