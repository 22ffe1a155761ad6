internal import CLibXML2

/// Small readers over libxml2 element nodes, by local name (namespace prefixes vary between
/// lists). Used only while a ``XMLDocument`` is alive.
enum XMLNodeReading {
    static func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    /// Element children, optionally only those with this local name.
    static func children(_ node: xmlNodePtr, _ local: String? = nil) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, local == nil || name(current) == local {
                result.append(current)
            }
            child = current.pointee.next
        }
        return result
    }

    static func child(_ node: xmlNodePtr, _ local: String) -> xmlNodePtr? { children(node, local).first }

    /// The first element reached by following local names.
    static func path(_ node: xmlNodePtr, _ names: [String]) -> xmlNodePtr? {
        var current = node
        for local in names {
            guard let next = child(current, local) else { return nil }
            current = next
        }
        return current
    }

    /// The element's text with surrounding whitespace removed.
    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { shim_xmlFree(content) }
        let raw = String(cString: content)
        return String(raw.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    static func text(_ node: xmlNodePtr, _ names: [String]) -> String? { path(node, names).map { text($0) } }

    static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
        guard let value = xmlGetProp(node, attribute) else { return nil }
        defer { shim_xmlFree(value) }
        return String(cString: value)
    }
}
