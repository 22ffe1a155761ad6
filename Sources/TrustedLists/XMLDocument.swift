internal import CLibXML2

/// A libxml2 document owned by Swift (freed on deinit), parsed with the network, DTD loading and
/// entity substitution switched off. It is confined to the task that parsed it.
final class XMLDocument {
    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit { xmlFreeDoc(pointer) }

    /// Options: no network (NONET), never substitute entities or load external DTDs (neither
    /// NOENT nor DTDLOAD is set), no XInclude, compact text nodes, errors kept for the finding
    /// instead of printed; libxml2's default depth and
    /// size limits stay on (XML_PARSE_HUGE is not set).
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Attributes allowed on one element: libxml2 checks duplicates pairwise, so 50 000 attributes
    /// cost it tens of seconds; no trusted-list element has more than a handful.
    static let maximumAttributes = 1_000

    /// Parses `bytes`; a document type declaration is refused before libxml2 sees it, so no
    /// entity is ever defined or expanded.
    static func parse(_ bytes: [UInt8]) -> Result<XMLDocument, TrustedListError> {
        if let offset = DocumentTypeDeclaration.find(in: bytes) {
            return .failure(
                .notWellFormed(
                    "a document type declaration (<!DOCTYPE) is present; trusted lists must not define entities",
                    at: "byte \(offset)"))
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return .failure(.notWellFormed("the document is UTF-16 (byte-order mark); it must be UTF-8", at: "byte 0"))
        }
        guard bytes.count < Int32.max else {
            return .failure(.notWellFormed("the document is larger than 2 GiB", at: "byte 0"))
        }
        _ = libxml2Initialised
        silenceLibxml2()
        if let element = AttributeCount.exceeding(Self.maximumAttributes, in: bytes) {
            return .failure(
                .notWellFormed(
                    "an element has more than \(Self.maximumAttributes) attributes (resource bound); the list is not parsed",
                    at: "byte \(element)"))
        }
        guard let context = xmlNewParserCtxt() else {
            return .failure(.notWellFormed("libxml2 could not allocate a parser", at: "byte 0"))
        }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), "trusted-list.xml", nil, options)
            }
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            guard let error = xmlCtxtGetLastError(context) else {
                return .failure(.notWellFormed("not well-formed XML", at: "byte 0"))
            }
            let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
            return .failure(
                .notWellFormed(
                    message.trimmingTrailingNewlines, at: "line \(error.pointee.line), column \(error.pointee.int2)"))
        }
        let parsed = XMLDocument(pointer: document)
        if let encoding = document.pointee.encoding.map({ String(cString: $0).uppercased() }),
            encoding != "UTF-8", encoding != "UTF8"
        {
            return .failure(
                .notWellFormed("the document declares encoding \(encoding); it must be UTF-8", at: "line 1"))
        }
        return .success(parsed)
    }

    /// The root element node.
    var rootElement: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    /// The root element's local name and namespace URI.
    var root: (name: String, namespace: String?)? {
        guard let element = xmlDocGetRootElement(pointer) else { return nil }
        return (
            String(cString: element.pointee.name),
            element.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        )
    }

    /// The text of the first element found by following local names from the root.
    func text(at path: [String]) -> String? {
        rootElement.flatMap { XMLNodeReading.text($0, path) }
    }

}

/// libxml2 must be initialised once before concurrent use; a global `let` runs this exactly once.
/// libxml2's own printing of errors (XPath, encoding, schema compilation) is switched off: every
/// problem the checks care about becomes the item's finding, and nothing else goes to stderr.
private let libxml2Initialised: Void = {
    xmlInitParser()
    silenceLibxml2()
}()

/// Installs no-op error handlers for the calling thread (libxml2 keeps them per thread).
func silenceLibxml2() {
    xmlSetStructuredErrorFunc(nil, { _, _ in })
    xmlThrDefSetStructuredErrorFunc(nil, { _, _ in })
    shim_silenceGenericErrors()
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var result = Substring(self)
        while result.last?.isNewline == true { result.removeLast() }
        return String(result)
    }
}
