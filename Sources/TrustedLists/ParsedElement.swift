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

    /// This element's location step under its parent: its name, with `[n]` when the parent has
    /// several children of that name.
    public internal(set) var step: String

    /// Every element of the subtree with its location path (`/A/B[2]/C`, local names, positions
    /// among same-named siblings), depth first in document order.
    public func walk(_ body: (ParsedElement, String) -> Void) {
        visit(at: "/" + name, body)
    }

    private func visit(at location: String, _ body: (ParsedElement, String) -> Void) {
        body(self, location)
        for child in children { child.visit(at: location + "/" + child.step, body) }
    }

    /// Every element of the subtree, depth first, without building location paths.
    public func forEach(_ body: (ParsedElement) -> Void) {
        body(self)
        for child in children { child.forEach(body) }
    }

    /// The location step of each child.
    public var steps: [String] { children.map(\.step) }
}

extension ParsedElement {
    /// Copies the element subtree out of libxml2.
    init(node: xmlNodePtr) {
        name = XMLNodeReading.name(node)
        step = name
        namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        line = Int(xmlGetLineNo(node))
        var attributes: [Attribute] = []
        var property = node.pointee.properties
        while let current = property {
            let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            attributes.append(
                Attribute(
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
        var counts: [String: Int] = [:]
        for child in children { counts[child.name, default: 0] += 1 }
        if counts.values.contains(where: { $0 > 1 }) {
            var seen: [String: Int] = [:]
            for index in children.indices where counts[children[index].name, default: 0] > 1 {
                seen[children[index].name, default: 0] += 1
                children[index].step = "\(children[index].name)[\(seen[children[index].name]!)]"
            }
        }
        self.children = children
        let bytes = text.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) {
            self.text = String(text[first...last])
            hasText = true
        } else {
            self.text = ""
            hasText = false
        }
    }
}
