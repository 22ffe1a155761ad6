/// One RFC 4180 CSV line: fields quoted when they hold a comma, quote or line break.
enum CSVRow {
    static func line(_ fields: [String?]) -> String {
        fields.map { field in
            guard let field else { return "" }
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    static let header = line([
        "index", "source", "sha256", "kind", "type", "profile", "verdict", "requirement", "standard", "version",
        "clause",
        "outcome", "grade", "observed", "expected", "location", "message",
    ])
}
