import Foundation

/// Structural validation of a parsed list against a ``SchemaModel``: element order and
/// cardinality, unknown elements, required and undeclared attributes, and simple values.
/// Each problem names the element by its location path, so a scheme operator can find it.
struct StructureValidation {
    /// One structural problem.
    struct Problem: Sendable, Hashable {
        var location: String
        var message: String
    }

    let model: SchemaModel
    static let schemaInstance = "http://www.w3.org/2001/XMLSchema-instance"
    /// Stop collecting after this many problems (a broken list would otherwise produce
    /// thousands of lines of evidence for one cause).
    var limit = 50

    /// Validates the document element: it must be a global element of the model.
    func validate(_ root: ParsedElement) -> [Problem] {
        var problems: [Problem] = []
        guard let type = model.globalElements[root.qualifiedName] else {
            return [
                Problem(location: "/" + root.name, message: "\(root.qualifiedName) is not a root element of the schema")
            ]
        }
        check(root, type: type, at: "/" + root.name, into: &problems)
        return problems
    }

    private func check(_ element: ParsedElement, type key: String, at location: String, into problems: inout [Problem])
    {
        guard problems.count < limit, let type = model.types[key] else { return }
        checkAttributes(element, type, at: location, into: &problems)
        guard let content = type.content else {
            if !element.children.isEmpty {
                problems.append(
                    Problem(
                        location: location,
                        message: "\(element.name) must hold text only, found element \(element.children[0].name)"))
            } else if let kind = type.value, let reason = Self.invalid(element.text, as: kind) {
                problems.append(Problem(location: location, message: "\(element.name) \(reason)"))
            }
            return
        }
        if element.hasText && !type.mixed {
            problems.append(
                Problem(
                    location: location,
                    message: "\(element.name) must hold elements only, found text \"\(element.text.prefix(40))\""))
        }
        let children = element.children
        let ends = match(content, children, from: 0)
        if !ends.contains(children.count) {
            problems.append(diagnose(content, element, at: location))
        }
        // Descend into every child whose type is known, whether or not the sequence matched,
        // so that one misplaced element does not hide problems further down.
        for (child, step) in zip(children, element.steps) {
            guard let childType = declaredType(of: child, in: content) else { continue }
            check(child, type: childType, at: location + "/" + step, into: &problems)
        }
    }

    private func checkAttributes(
        _ element: ParsedElement, _ type: SchemaType, at location: String, into problems: inout [Problem]
    ) {
        for declaration in type.attributes {
            let value = element.attributes.first { key(of: $0) == declaration.name }?.value
            if let value, let kind = declaration.value, let reason = Self.invalid(value, as: kind) {
                problems.append(
                    Problem(
                        location: location + "/@" + declaration.name, message: "attribute \(declaration.name) \(reason)"
                    ))
            } else if value == nil && declaration.required {
                problems.append(
                    Problem(
                        location: location, message: "\(element.name) lacks the required attribute \(declaration.name)")
                )
            }
        }
        let declared = Set(type.attributes.map(\.name))
        for attribute in element.attributes
        where !declared.contains(key(of: attribute)) && attribute.namespace != Self.schemaInstance {
            problems.append(
                Problem(
                    location: location + "/@" + attribute.name,
                    message: "attribute \(key(of: attribute)) is not declared for \(element.name)"))
        }
    }

    private func key(of attribute: ParsedElement.Attribute) -> String {
        attribute.namespace.map { "{\($0)}\(attribute.name)" } ?? attribute.name
    }

    // MARK: content models

    /// Every position up to which `particle` can consume `children` starting at `start`.
    private func match(_ particle: SchemaParticle, _ children: [ParsedElement], from start: Int) -> Set<Int> {
        switch particle {
        case .element(let namespace, let name, _, let min, let max):
            return repeated(min: min, max: max, from: start, count: children.count) { position in
                position < children.count && children[position].name == name
                    && (children[position].namespace ?? "") == namespace
                    ? [position + 1] : []
            }
        case .any(let otherThan, let min, let max):
            return repeated(min: min, max: max, from: start, count: children.count) { position in
                guard position < children.count else { return [] }
                if let otherThan, (children[position].namespace ?? "") == otherThan { return [] }
                return [position + 1]
            }
        case .sequence(let parts, let min, let max):
            return repeated(min: min, max: max, from: start, count: children.count) { position in
                var positions: Set<Int> = [position]
                for part in parts {
                    var next: Set<Int> = []
                    for at in positions { next.formUnion(match(part, children, from: at)) }
                    positions = next
                    if positions.isEmpty { break }
                }
                return positions
            }
        case .choice(let parts, let min, let max):
            return repeated(min: min, max: max, from: start, count: children.count) { position in
                var positions: Set<Int> = []
                for part in parts { positions.formUnion(match(part, children, from: position)) }
                return positions
            }
        }
    }

    /// `once` applied between `min` and `max` times. Positions only grow, so the loop ends after
    /// at most `count + 1` rounds; a particle that can match nothing satisfies any minimum.
    private func repeated(min: Int, max: Int?, from start: Int, count: Int, _ once: (Int) -> Set<Int>) -> Set<Int> {
        var result: Set<Int> = min == 0 ? [start] : []
        var frontier: Set<Int> = [start]
        var seen: Set<Int> = []
        var nullable = false
        var round = 0
        while !frontier.isEmpty, round < Swift.min(max ?? Int.max, count + 1) {
            round += 1
            var next: Set<Int> = []
            for position in frontier {
                let reached = once(position)
                if reached.contains(position) { nullable = true }
                next.formUnion(reached)
            }
            if round >= min || nullable { result.formUnion(next) }
            seen.formUnion(frontier)
            frontier = next.subtracting(seen)
        }
        return result
    }

    /// The type of a child as its content model declares it; lax wildcards use the global
    /// declaration when there is one.
    private func declaredType(of child: ParsedElement, in particle: SchemaParticle) -> String? {
        switch particle {
        case .element(let namespace, let name, let type, _, _):
            return child.name == name && (child.namespace ?? "") == namespace ? type : nil
        case .any:
            return model.globalElements[child.qualifiedName]
        case .sequence(let parts, _, _), .choice(let parts, _, _):
            for part in parts where !isWildcard(part) {
                if let type = declaredType(of: child, in: part) { return type }
            }
            for part in parts where isWildcard(part) {
                if let type = declaredType(of: child, in: part) { return type }
            }
            return nil
        }
    }

    private func isWildcard(_ particle: SchemaParticle) -> Bool {
        if case .any = particle { return true }
        return false
    }

    /// A readable reason why the children do not match: a required element that is missing,
    /// an element the model does not know here, or one that repeats or stands out of order.
    private func diagnose(_ content: SchemaParticle, _ element: ParsedElement, at location: String) -> Problem {
        let names = element.children.map(\.name)
        let declared = Self.elementParticles(content)
        if let unknown = element.children.first(where: { child in
            !declared.contains { $0.name == child.name && $0.namespace == (child.namespace ?? "") }
                && !Self.hasWildcard(content)
        }) {
            return Problem(
                location: location, message: "\(element.name) does not allow element \(unknown.qualifiedName)")
        }
        if case .sequence(let parts, _, _) = content {
            for case .element(let namespace, let name, _, let min, let max) in parts {
                let count = element.children.filter { $0.name == name && ($0.namespace ?? "") == namespace }.count
                if count < min {
                    return Problem(location: location, message: "\(element.name) lacks the required element \(name)")
                }
                if let max, count > max {
                    return Problem(
                        location: location, message: "\(element.name) holds \(name) \(count) times (at most \(max))")
                }
            }
        }
        return Problem(
            location: location,
            message:
                "the children of \(element.name) (\(names.joined(separator: ", "))) do not follow the schema's order and cardinality"
        )
    }

    private static func elementParticles(_ particle: SchemaParticle) -> [(namespace: String, name: String)] {
        switch particle {
        case .element(let namespace, let name, _, _, _): return [(namespace, name)]
        case .any: return []
        case .sequence(let parts, _, _), .choice(let parts, _, _): return parts.flatMap(elementParticles)
        }
    }

    private static func hasWildcard(_ particle: SchemaParticle) -> Bool {
        switch particle {
        case .element: return false
        case .any: return true
        case .sequence(let parts, _, _), .choice(let parts, _, _): return parts.contains(where: hasWildcard)
        }
    }

    // MARK: simple values

    /// Why `text` is not a value of `kind`, or nil when it is.
    static func invalid(_ text: String, as kind: SchemaValue) -> String? {
        let value = text // ParsedElement text is already trimmed
        switch kind {
        case .string: return nil
        case .nonEmptyString: return value.isEmpty ? "is empty" : nil
        case .integer: return TextShape.isInteger(value) ? nil : "\"\(value.prefix(40))\" is not an integer"
        case .nonNegativeInteger:
            return TextShape.isInteger(value, allowMinus: false)
                ? nil : "\"\(value.prefix(40))\" is not a non-negative integer"
        case .positiveInteger:
            return TextShape.isPositiveInteger(value) ? nil : "\"\(value.prefix(40))\" is not a positive integer"
        case .boolean:
            return ["true", "false", "1", "0"].contains(value) ? nil : "\"\(value.prefix(40))\" is not a boolean"
        case .dateTime: return TextShape.isDateTime(value) ? nil : "\"\(value.prefix(40))\" is not an xs:dateTime"
        case .anyURI: return nil
        case .nonEmptyURI: return value.isEmpty ? "is an empty URI" : nil
        case .base64Binary:
            return value.utf8.allSatisfy {
                TextShape.isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D || $0 == 0x20 || $0 == 0x0A
                    || $0 == 0x0D || $0 == 0x09
            }
                ? nil : "is not base64"
        case .language:
            return TextShape.isLanguageTag(value, strict: false) ? nil : "\"\(value.prefix(40))\" is not a language tag"
        case .enumeration(let values):
            return values.contains(value)
                ? nil : "\"\(value.prefix(60))\" is not one of \(values.joined(separator: ", "))"
        }
    }
}

extension StructureValidation {
    /// Where a version 5 list uses what only V2.2.1 allows (`ServiceSupplyPoint/@type`): not an
    /// error for TS 119 612 V2.2.1, but worth telling a reader who still validates with V2.1.1.
    static func v211Differences(_ root: ParsedElement) -> [String] {
        var counts: [String: Int] = [:]
        root.forEach { element in
            for difference in SchemaModel.v211Differences where difference.element == element.qualifiedName {
                if let attribute = difference.attribute, element.attribute(attribute) == nil { continue }
                counts["\(element.name)\(difference.attribute.map { "/@" + $0 } ?? "")", default: 0] += 1
            }
        }
        return counts.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }
    }
}
