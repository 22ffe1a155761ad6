import ArgumentParser
import Audit
import AuditCore
import Foundation
import Run

struct RequirementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requirements",
        abstract: "List the requirement catalogue: id, standard, version, clause, level, automation.")

    @Option(name: .long, help: "Directory of extra or overriding catalogue/profile YAML files.")
    var profiles: String?

    @Option(name: .long, help: "Only the requirements of this profile.")
    var profile: String?

    @Option(name: .long, help: "text, json or markdown.")
    var format: OutputFormat = .text

    func run() throws {
        let set: ProfileSet
        var requirements: [Requirement]
        do {
            set = try ProfileSet.load(overridesFrom: profiles)
            requirements = set.catalogue.requirements
            if let profile {
                let ids = Set(try set.profile(named: profile).entries.map(\.requirement))
                requirements = requirements.filter { ids.contains($0.id) }
            }
        } catch {
            throw ValidationError("\(error)")
        }
        switch format {
        case .text:
            for r in requirements {
                print(
                    "\(r.id.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(r.standard) \(r.version) §\(r.clause) [\(r.level.rawValue), \(r.automation.rawValue)]"
                )
                print("           \(r.text)")
            }
        case .markdown:
            print(
                "| id | standard | version | clause | level | automation | requirement |\n|---|---|---|---|---|---|---|"
            )
            for r in requirements {
                print(
                    "| \(r.id.rawValue) | \(r.standard) | \(r.version) | \(r.clause) | \(r.level.rawValue) | \(r.automation.rawValue) | \(r.text) |"
                )
            }
        case .json:
            print(String(decoding: try CatalogueListing.requirementsJSON(set, profile: profile), as: UTF8.self))
        }
    }
}
