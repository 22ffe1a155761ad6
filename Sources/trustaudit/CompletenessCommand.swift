import ArgumentParser
import AuditCore
import EvidenceBundle
import Foundation
import Pipeline

/// `trustaudit completeness`: proves that the evidence covers every entry of a log.
struct CompletenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completeness",
        abstract:
            "Prove that evidence covers every entry of a CT log up to a checkpoint's tree size (RFC 6962 tree hash).",
        discussion:
            "EVIDENCE is JSON Lines written by `check` over CT entries in log order (files in order, or a bundle's evidence.jsonl). Exit codes: 0 complete, 1 not complete, 2 usage error."
    )

    @Option(name: .long, help: "The log's checkpoint: a get-sth response (JSON) or a C2SP checkpoint.")
    var checkpoint: String

    @Option(
        name: .long,
        help: "The log's public key (SubjectPublicKeyInfo, DER or one base64 line) to verify a get-sth signature.")
    var logKey: String?

    @Option(
        name: .long,
        help: "Prove from the trailers of a sharded run (--shard-dir; shard size a power of two) instead of EVIDENCE.")
    var shards: String?

    @Argument(help: "Evidence files (JSON Lines), in log order.")
    var evidence: [String] = []

    func validate() throws {
        if (shards == nil) == evidence.isEmpty { throw ValidationError("give either EVIDENCE files or --shards DIR") }
    }

    func run() throws {
        guard let bytes = FileManager.default.contents(atPath: checkpoint), let head = LogCheckpoint([UInt8](bytes))
        else {
            throw ValidationError("--checkpoint \(checkpoint) is neither a get-sth response nor a C2SP checkpoint")
        }
        var lines: [String] = []
        if let logKey {
            guard let raw = FileManager.default.contents(atPath: logKey) else {
                throw ValidationError("--log-key \(logKey) is not readable")
            }
            let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let key = Data(base64Encoded: text).map { [UInt8]($0) } ?? [UInt8](raw)
            switch head.verifySignature(logKey: key) {
            case true?: lines.append("checkpoint signature: valid")
            case false?:
                print("checkpoint signature: INVALID — the tree head is not signed by this log key")
                throw ExitCode(Exit.nonConformities)
            case nil:
                lines.append("checkpoint signature: not verified (this checkpoint form carries no RFC 6962 signature)")
            }
        }
        let proof: CompletenessProof
        do {
            proof =
                try shards.map { try CompletenessProof.prove(shards: $0, checkpoint: head) }
                ?? CompletenessProof.prove(evidence: evidence, checkpoint: head)
        } catch {
            throw ValidationError("\(error)")
        }
        let hex: ([UInt8]) -> String = { Hex.string($0) }
        lines.append("checkpoint: tree size \(head.treeSize), root \(hex(head.rootHash))")
        lines.append("evidence:   \(proof.entries) CT entries, root \(hex(proof.root))")
        if proof.recordsWithoutLeaf > 0 {
            lines.append("            \(proof.recordsWithoutLeaf) record(s) are not CT entries (no leaf hash)")
        }
        if proof.isComplete {
            lines.append("complete: every entry up to tree size \(head.treeSize) was checked")
        } else if proof.entries != head.treeSize {
            lines.append("NOT complete: \(proof.entries) entries checked, the log has \(head.treeSize)")
        } else {
            lines.append(
                "NOT complete: the checked entries do not rebuild the log's root (an entry is missing, repeated or out of order)"
            )
        }
        print(lines.joined(separator: "\n"))
        if !proof.isComplete { throw ExitCode(Exit.nonConformities) }
    }
}
