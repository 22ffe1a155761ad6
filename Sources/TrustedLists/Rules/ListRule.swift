import AuditCore

/// Rules over the parsed element tree: not checked when the list did not parse.
enum ListRule {
    static func make(
        _ id: RequirementID,
        _ body: @escaping @Sendable (ListView, InspectedTrustedList, EvaluationContext) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        Rule(id) { item, context in
            guard let root = item.tree else {
                return [.notChecked(id, because: "the list could not be parsed (TL-002)")]
            }
            return body(ListView(root: root, certificates: item.serviceCertificates), item, context)
        }
    }

    /// One failure listing the first few offending places, or nothing.
    static func failures(
        _ places: [(location: String, observed: String)], expected: String?, message: String
    ) -> [Finding] {
        guard let first = places.first else { return [] }
        let shown = places.prefix(3).map { "\($0.observed) at \($0.location)" }.joined(separator: "; ")
        return [
            .fail(
                observed: shown + (places.count > 3 ? "; … (\(places.count) in all)" : ""), expected: expected,
                location: first.location, message: places.count > 1 ? "\(message) (\(places.count) places)" : message)
        ]
    }
}
