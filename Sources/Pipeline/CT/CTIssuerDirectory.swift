import AuditCore
import Digests
import Foundation

/// The issuer certificates of a static-ct-api log (c2sp.org/static-ct-api): data tiles name each
/// chain certificate by its SHA-256 fingerprint, and the log serves it at
/// `<prefix>/issuer/<lower-case hex>`. A dump keeps the same layout, so a tile at
/// `<prefix>/tile/data/…` finds its issuers beside it.
///
/// Issuers are immutable and few (a few thousand per log), so each is read once per run; a file
/// whose SHA-256 is not its name is not used.
final class CTIssuerDirectory {
    /// Larger files are not certificates; they are not read.
    static let maximumCertificateSize = 1 << 20

    let folder: String
    private var known: [[UInt8]: [UInt8]?] = [:]

    init(folder: String) {
        self.folder = folder
    }

    /// The issuer folder for a data tile at `path`, or nil when the path is not under `/tile/data/`.
    static func folder(forTileAt path: String) -> String? {
        guard let range = path.range(of: "/tile/data/", options: .backwards) else { return nil }
        return String(path[..<range.lowerBound]) + "/issuer"
    }

    /// The DER certificate whose SHA-256 is `fingerprint`, or nil when the dump does not hold it.
    func certificate(fingerprint: ArraySlice<UInt8>) -> [UInt8]? {
        let key = Array(fingerprint)
        if let cached = known[key] { return cached }
        let path = folder + "/" + Hex.string(key)
        var found: [UInt8]?
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, size <= Self.maximumCertificateSize,
            let data = FileManager.default.contents(atPath: path)
        {
            let bytes = [UInt8](data)
            if SHA256.digest(bytes) == key { found = bytes }
        }
        known[key] = found
        return found
    }
}
