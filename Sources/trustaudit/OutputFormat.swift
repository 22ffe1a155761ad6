import ArgumentParser

/// Listing formats of `profiles` and `requirements`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}
