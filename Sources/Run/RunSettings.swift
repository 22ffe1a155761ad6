import EvidenceBundle
import Foundation
import Pipeline

/// Evidence formats of a run's record output.
public enum EvidenceFormat: String, Sendable, CaseIterable {
    /// One JSON record per line.
    case jsonl
    /// One SARIF 2.1.0 log with the failed checks as results.
    case sarif
}

/// How much of each record a run writes.
public enum EvidenceMode: String, Sendable, CaseIterable {
    /// Every check: what an audit sample needs.
    case full
    /// Identity, verdict, profile, plan digest and the checks that did not pass (CT-scale runs).
    case compact
}

/// Sharded output: every `size` items (input order) in their own file, atomically, with a trailer.
public struct ShardSettings: Sendable {
    public var size: Int
    public var directory: String
    /// Keep the complete shards already in `directory` and check only the others.
    public var resume = false
    public var gzip = false
    /// Check only these item indexes (one worker's range).
    public var range: Range<Int>?

    public init(size: Int, directory: String, resume: Bool = false, gzip: Bool = false, range: Range<Int>? = nil) {
        self.size = size
        self.directory = directory
        self.resume = resume
        self.gzip = gzip
        self.range = range
    }
}

/// How a run executes and where, besides its record sink, it writes: workers, evidence mode,
/// shards, bundle, manifest.
public struct RunSettings: Sendable {
    /// Parallel workers (1: everything on the calling thread).
    public var jobs: Int
    public var format: EvidenceFormat = .jsonl
    public var evidence: EvidenceMode = .full
    public var shards: ShardSettings?
    /// The evidence bundle folder, and the key that signs its manifest.
    public var bundle: String?
    public var signer: BundleSigner?
    /// Where the run manifest is written.
    public var manifest: String?
    /// Items known to crash the checker (a supervised child's restarts), recorded as such.
    public var knownCrashes: [Int: Supervisor.Crash] = [:]
    /// Whether sinks get each item's facts (validity, subject) for a report.
    public var collectsFacts = false
    /// The inputs as given (paths, `-`), for the run's identity.
    public var inputs: [String] = []

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.jobs = jobs
    }

    /// The bundle signer, loaded once so that a wrong key or password stops the run before any
    /// item is checked.
    public static func loadSigner(key: String?, certificate: String?, passwordFile: String?, bundle: String?)
        throws(RunError) -> BundleSigner?
    {
        guard let key else {
            if certificate != nil { throw RunError.input("--sign-cert needs --sign-key") }
            return nil
        }
        guard bundle != nil else { throw RunError.input("--sign-key signs a bundle: give --bundle DIR") }
        var password: String?
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw RunError.input("--sign-password-file \(passwordFile) is not readable")
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        do {
            return try BundleSigner(keyPath: key, certificatePath: certificate, password: password)
        } catch {
            throw RunError.input("\(error)")
        }
    }
}
