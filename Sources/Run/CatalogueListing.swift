import AuditCore
import Foundation

/// The profiles and the requirement catalogue as JSON, as `trustaudit profiles --format json`,
/// `trustaudit requirements --format json` and the server's `/v1/profiles` and
/// `/v1/requirements` give them.
public enum CatalogueListing {
    /// Every profile: name, title, kind and its requirements with their grades.
    public static func profilesJSON(_ set: ProfileSet) -> [UInt8] {
        let objects = set.names.map { set.profiles[$0]! }.map { profile -> [String: Any] in
            [
                "name": profile.name, "title": profile.title, "kind": profile.kind.rawValue,
                "requirements": profile.entries.map { ["id": $0.requirement.rawValue, "grade": $0.grade.rawValue] },
            ]
        }
        return json(objects)
    }

    /// The catalogue's requirements (of one profile when `profile` is given).
    public static func requirementsJSON(_ set: ProfileSet, profile: String? = nil) throws(RunError) -> [UInt8] {
        var requirements = set.catalogue.requirements
        if let profile {
            do {
                let ids = Set(try set.profile(named: profile).entries.map(\.requirement))
                requirements = requirements.filter { ids.contains($0.id) }
            } catch {
                throw RunError.input("\(error)")
            }
        }
        return json(
            requirements.map { r -> [String: Any] in
                [
                    "id": r.id.rawValue, "standard": r.standard, "version": r.version, "clause": r.clause,
                    "alsoIn": r.alsoIn, "text": r.text, "level": r.level.rawValue,
                    "appliesTo": r.appliesTo.map(\.rawValue), "automation": r.automation.rawValue,
                    "fix": r.fix ?? NSNull(),
                ]
            })
    }

    private static func json(_ object: Any) -> [UInt8] {
        // Only strings, numbers, arrays, dictionaries and NSNull: serialisation cannot fail.
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return [UInt8](data)
    }
}
