import ArgumentParser
import Audit
import AuditCore
import Foundation
import Run

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List the profiles (built-in and from --profiles).")

    @Option(name: .long, help: "Directory of extra or overriding catalogue/profile YAML files.")
    var profiles: String?

    @Option(name: .long, help: "text, json or markdown.")
    var format: OutputFormat = .text

    func run() throws {
        let set: ProfileSet
        do { set = try ProfileSet.load(overridesFrom: profiles) } catch { throw ValidationError("\(error)") }
        let listed = set.names.map { set.profiles[$0]! }
        switch format {
        case .text:
            for profile in listed {
                print(
                    "\(profile.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(profile.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(profile.entries.count) requirement(s)  \(profile.title)"
                )
            }
            print("\nstandards sets (--standards):")
            for set in set.standards.values.sorted(by: { $0.name < $1.name }) {
                let since = set.inForceFrom.map { " (in force from \($0))" } ?? ""
                print("  \(set.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(set.title)\(since)")
            }
            print(
                "  \("by-issuance".padding(toLength: 20, withPad: " ", startingAt: 0)) each certificate by the newest set in force at its notBefore"
            )
        case .markdown:
            print("| profile | kind | requirements | title |\n|---|---|---|---|")
            for profile in listed {
                print(
                    "| `\(profile.name)` | \(profile.kind.rawValue) | \(profile.entries.map(\.requirement.rawValue).joined(separator: ", ")) | \(profile.title) |"
                )
            }
        case .json:
            print(String(decoding: CatalogueListing.profilesJSON(set), as: UTF8.self))
        }
    }
}
