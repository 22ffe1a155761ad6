import ArgumentParser
import Foundation
import Run

/// The `trustaudit` command: argument parsing and calls into the library, nothing else.
struct TrustAudit: ParsableCommand {
    static let version = ToolIdentity.version

    static let configuration = CommandConfiguration(
        commandName: "trustaudit",
        abstract: "Check X.509 certificates, RFC 3161 time-stamps and ETSI trusted lists for eIDAS conformity.",
        discussion:
            "Exit codes: 0 all items conforming (observations allowed), 1 non-conformities found, 2 usage or environment error.",
        version: version,
        subcommands: [
            CheckCommand.self, ServeCommand.self, SampleCommand.self, VerifyBundleCommand.self,
            CompletenessCommand.self,
            MergeCommand.self, ProfilesCommand.self, RequirementsCommand.self,
        ],
        defaultSubcommand: nil
    )
}

/// Exit codes of the public contract.
enum Exit {
    static let conforming: Int32 = 0
    static let nonConformities: Int32 = 1
    static let usage: Int32 = 2
}

@main
enum Main {
    static func main() {
        do {
            var command = try TrustAudit.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            // Help and --version are "errors" with exit code 0 in ArgumentParser.
            if TrustAudit.exitCode(for: error) == .success { TrustAudit.exit(withError: error) }
            FileHandle.standardError.write(Data((TrustAudit.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(Exit.usage)
        }
    }
}
