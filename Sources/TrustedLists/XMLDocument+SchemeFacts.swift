internal import CLibXML2

extension XMLDocument {
    /// The date-times (ListIssueDateTime, NextUpdate, every StatusStartingTime), NextUpdate and
    /// the scheme operator names, read once for the content rules.
    func schemeFacts() -> (dateTimes: [(element: String, text: String)], nextUpdate: String?, operatorNames: [String]) {
        typealias X = XMLNodeReading
        guard let root = rootElement else { return ([], nil, []) }
        var dates: [(String, String)] = []
        var next: String?
        let scheme = X.child(root, "SchemeInformation")
        if let issued = scheme.flatMap({ X.child($0, "ListIssueDateTime") }) {
            dates.append(("ListIssueDateTime", X.text(issued)))
        }
        if let value = scheme.flatMap({ X.path($0, ["NextUpdate", "dateTime"]) }) {
            next = X.text(value)
            dates.append(("NextUpdate", X.text(value)))
        }
        func collect(_ node: xmlNodePtr) {
            for child in X.children(node) {
                if X.name(child) == "StatusStartingTime" {
                    dates.append(("StatusStartingTime", X.text(child)))
                } else {
                    collect(child)
                }
            }
        }
        if let providers = X.child(root, "TrustServiceProviderList") { collect(providers) }
        let names =
            scheme.flatMap { X.child($0, "SchemeOperatorName") }.map { X.children($0, "Name").map { X.text($0) } } ?? []
        return (dates, next, names)
    }
}
