import Certificates
import Digests
import EvidenceBundle
import Foundation
import Pipeline
import Run
import Synchronization

/// The run inputs loaded at one moment, with a digest that names them in every answer, and
/// the per-request variants (profile, time, standards) built from them.
final class InputsSnapshot: Sendable {
    let inputs: RunInputs
    /// `sha256:` over the catalogue and profiles and every input file (path and SHA-256).
    let digest: String
    let loadedAt: Date
    private let variants = Mutex<[VariantKey: RunInputs]>([:])
    /// Variants kept; the cache is emptied when it is full (a request's `at` is part of the key).
    private static let variantLimit = 64

    struct VariantKey: Hashable {
        var profile: String
        var standards: String
        var validationSecond: Int64
    }

    init(inputs: RunInputs, digest: String) {
        self.inputs = inputs
        self.digest = digest
        self.loadedAt = Date()
    }

    /// Loads every input the options name; the digest covers what was read.
    static func load(_ options: RunOptions, warn: (String) -> Void) throws(RunError) -> InputsSnapshot {
        let inputs = try RunInputs.load(options, warn: warn)
        return InputsSnapshot(inputs: inputs, digest: digest(options: options, inputs: inputs))
    }

    /// The inputs judged with `profile` and `standards` at `validationTime` (to the second).
    func variant(profile: String, standards: String, validationTime: Date) throws(RunError) -> RunInputs {
        let second = Int64(validationTime.timeIntervalSince1970.rounded(.down))
        let key = VariantKey(profile: profile, standards: standards, validationSecond: second)
        if let cached = variants.withLock({ $0[key] }) { return cached }
        let built = try inputs.reconfigured(
            profile: profile, validationTime: Date(timeIntervalSince1970: TimeInterval(second)), standards: standards)
        variants.withLock {
            if $0.count >= Self.variantLimit { $0.removeAll(keepingCapacity: true) }
            $0[key] = built
        }
        return built
    }

    private static func digest(options: RunOptions, inputs: RunInputs) -> String {
        var lines = inputs.profileSet.documents.map { "profile-document \($0.name) \(SHA256.hex(Array($0.text.utf8)))" }
        let paths =
            options.issuers + options.trustedLists + options.tsaCAs + options.tsuCertificates + options.crls
            + options.ocspResponses
            + [options.lotl, options.anchors, options.schemas, options.data, options.request, options.ocspRequest]
            .compactMap { $0 }
        for path in paths {
            for file in files(under: path) {
                let hash = SHA256.hex(fileAt: file) ?? "unreadable"
                lines.append("input \(file) \(hash)")
            }
        }
        if let digest = options.digest { lines.append("digest \(digest)") }
        lines += options.policies.map { "policy \($0)" }
        return "sha256:" + SHA256.hex(Array(lines.joined(separator: "\n").utf8))
    }

    private static func files(under path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { "\(path)/\($0)" }.filter {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &directory) && !directory.boolValue
        }
    }
}
