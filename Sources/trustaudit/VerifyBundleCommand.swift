import ArgumentParser
import EvidenceBundle
import Foundation

/// `trustaudit verify-bundle DIR`: the manifest signature and every file hash of a bundle.
struct VerifyBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-bundle",
        abstract:
            "Verify an evidence bundle: the manifest's signature and the SHA-256 of every file; name what changed.",
        discussion:
            "Exit codes: 0 intact, 1 a file changed, was added or removed, or the signature does not verify, 2 not a bundle."
    )

    @Argument(help: "The bundle folder (written by `check --bundle`).")
    var directory: String

    func run() throws {
        let result: BundleVerification
        do {
            result = try BundleVerification.verify(directory: directory)
        } catch {
            throw ValidationError("\(error)")
        }
        var lines: [String] = []
        switch result.signature {
        case .absent: lines.append("signature: none (manifest.json is not signed)")
        case .valid(let signer): lines.append("signature: valid, signed by \(signer)")
        case .invalid(let reason): lines.append("signature: INVALID — \(reason)")
        }
        for name in result.verified { lines.append("ok       \(name)") }
        for name in result.changed { lines.append("CHANGED  \(name)") }
        for name in result.added { lines.append("ADDED    \(name)") }
        for name in result.removed { lines.append("REMOVED  \(name)") }
        lines.append(result.isIntact ? "bundle intact" : "bundle NOT intact")
        print(lines.joined(separator: "\n"))
        if !result.isIntact { throw ExitCode(Exit.nonConformities) }
    }
}
