internal import CLibXML2

/// A `Sendable` copy of one element of a parsed document: what the structure and content rules
/// read after the libxml2 document is gone. Text is the element's own text nodes (not its
/// descendants'), trimmed; `hasText` says whether any non-whitespace text was there at all.
public struct ParsedElement: Sendable {
    /// One attribute: local name, namespace (nil for unqualified attributes) and value.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var namespace: String?
        public var value: String
    }

    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    public var name: String
    public var namespace: String?
    public var attributes: [Attribute]
    public var children: [ParsedElement]
    public var text: String
    public var hasText: Bool
    /// Line in the source document, for evidence.
    public var line: Int

    /// `{namespace}name`, the key the schema model uses.
    public var qualifiedName: String { "{\(namespace ?? "")}\(name)" }

    /// The value of an unqualified attribute.
    public func attribute(_ local: String) -> String? {
        attributes.first { $0.name == local && $0.namespace == nil }?.value
    }

    /// `xml:lang`.
    public var language: String? {
        attributes.first { $0.name == "lang" && $0.namespace == Self.xmlNamespace }?.value
    }

    public func children(_ local: String) -> [ParsedElement] { children.filter { $0.name == local } }

    public func child(_ local: String) -> ParsedElement? { children.first { $0.name == local } }

    /// The first element reached by following local names.
    public func path(_ names: String...) -> ParsedElement? { path(names) }

    public func path(_ names: [String]) -> ParsedElement? {
        var current = self
        for local in names {
            guard let next = current.child(local) else { return nil }
            current = next
        }
        return current
    }

    /// Every element of the subtree with its location path (`/A/B[2]/C`, local names, positions
    /// among same-named siblings), depth first in document order.
    public func walk(_ body: (ParsedElement, String) -> Void) {
        visit(at: "/" + name, body)
    }

    private func visit(at location: String, _ body: (ParsedElement, String) -> Void) {
        body(self, location)
        for (child, step) in zip(children, steps) { child.visit(at: location + "/" + step, body) }
    }

    /// The location step of each child: its name, with `[n]` when the name repeats.
    public var steps: [String] {
        let counts = Dictionary(children.map { ($0.name, 1) }, uniquingKeysWith: +)
        var seen: [String: Int] = [:]
        return children.map { child in
            guard counts[child.name, default: 0] > 1 else { return child.name }
            seen[child.name, default: 0] += 1
            return "\(child.name)[\(seen[child.name]!)]"
        }
    }
}

extension ParsedElement {
    /// Copies the element subtree out of libxml2.
    init(node: xmlNodePtr) {
        name = XMLNodeReading.name(node)
        namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        line = Int(xmlGetLineNo(node))
        var attributes: [Attribute] = []
        var property = node.pointee.properties
        while let current = property {
            let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            attributes.append(Attribute(
                name: String(cString: current.pointee.name),
                namespace: current.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) },
                value: value.map { String(cString: $0) } ?? ""))
            if let value { shim_xmlFree(value) }
            property = current.pointee.next
        }
        self.attributes = attributes
        var children: [ParsedElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(ParsedElement(node: current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        self.children = children
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        self.text = String(trimmed)
        hasText = !trimmed.isEmpty
    }
}
