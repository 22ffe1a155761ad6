internal import CLibXML2
import Foundation

/// The official TS 119 612 XML schemas, compiled once per run from a local folder (`--schemas`;
/// never fetched): v5 lists against V2.2.1 (the superset of V2.1.1), v6 lists against V2.4.1.
/// Imports of xmldsig and xml.xsd are redirected to the folder's copies.
///
/// `@unchecked Sendable`: a compiled xmlSchema is read-only; every validation uses its own
/// validation context, as libxml2 allows.
public final class TrustedListSchemas: @unchecked Sendable {
    private let v5: xmlSchemaPtr
    private let v6: xmlSchemaPtr
    public let folder: String

    /// Compiles the schemas under `folder` (layout: `ts119612-v2.2.1/`, `ts119612-v2.4.1/`,
    /// `xmldsig/`); nil with a reason when a file is missing or does not compile.
    public static func load(folder: String) -> Result<TrustedListSchemas, TrustedListError> {
        let base = URL(fileURLWithPath: folder)
        let xml = base.appendingPathComponent("xmldsig/xml.xsd").path
        let dsig = base.appendingPathComponent("xmldsig/xmldsig-core-schema.xsd").path
        func compile(_ main: String) -> Result<xmlSchemaPtr, TrustedListError> {
            guard var text = try? String(contentsOfFile: base.appendingPathComponent(main).path, encoding: .utf8) else {
                return .failure(.notWellFormed("schema \(main) not found", at: folder))
            }
            for location in ["http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd"] {
                text = text.replacingOccurrences(
                    of: "schemaLocation=\"\(location)\"", with: "schemaLocation=\"\(xml)\"")
            }
            for location in [
                "http://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd",
                "http://www.w3.org/TR/2008/REC-xmldsig-core-20080610/xmldsig-core-schema.xsd",
            ] {
                text = text.replacingOccurrences(
                    of: "schemaLocation=\"\(location)\"", with: "schemaLocation=\"\(dsig)\"")
            }
            let bytes = Array(text.utf8)
            let schema: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    // libxml2 takes an Int32 size: a schema file over 2 GiB does not compile rather than trap.
                    guard let size = Int32(exactly: buffer.count), let context = xmlSchemaNewMemParserCtxt(chars, size)
                    else { return nil }
                    defer { xmlSchemaFreeParserCtxt(context) }
                    xmlSchemaSetParserStructuredErrors(context, { _, _ in }, nil)
                    return xmlSchemaParse(context)
                }
            }
            guard let schema else { return .failure(.notWellFormed("schema \(main) does not compile", at: folder)) }
            return .success(schema)
        }
        switch (
            compile("ts119612-v2.2.1/ts_119612v020201_201601xsd.xsd"),
            compile("ts119612-v2.4.1/ts_119612v020401_xsd.xsd")
        ) {
        case (.success(let v5), .success(let v6)): return .success(TrustedListSchemas(v5: v5, v6: v6, folder: folder))
        case (.failure(let error), .success(let v6)):
            xmlSchemaFree(v6)
            return .failure(error)
        case (.success(let v5), .failure(let error)):
            xmlSchemaFree(v5)
            return .failure(error)
        case (.failure(let error), .failure):
            return .failure(error)
        }
    }

    private init(v5: xmlSchemaPtr, v6: xmlSchemaPtr, folder: String) {
        self.v5 = v5
        self.v6 = v6
        self.folder = folder
    }

    deinit {
        xmlSchemaFree(v5)
        xmlSchemaFree(v6)
    }

    /// Validation errors of one document (`line N: message`), with libxml2 2.9's false positive
    /// on X509SerialNumber integers over 24 digits separated out.
    struct Outcome: Sendable {
        var schema: String
        var errors: [String]
        var suppressed: [String]
    }

    func validate(_ document: XMLDocument, version: String?) -> Outcome {
        let useV6 = version == "6"
        let collector = ErrorCollector()
        guard let context = xmlSchemaNewValidCtxt(useV6 ? v6 : v5) else {
            return Outcome(schema: "", errors: ["libxml2 could not create a validation context"], suppressed: [])
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        withExtendedLifetime(collector) {
            xmlSchemaSetValidStructuredErrors(
                context,
                { userData, error in
                    guard let userData, let error else { return }
                    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
                    let message = error.pointee.message.map { String(cString: $0) } ?? "schema error"
                    collector.messages.append(
                        "line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
                }, Unmanaged.passUnretained(collector).toOpaque())
            _ = xmlSchemaValidateDoc(context, document.pointer)
        }
        let falsePositive = { (message: String) in
            message.contains("X509SerialNumber") && message.contains("xs:integer")
        }
        return Outcome(
            schema: useV6 ? "TS 119 612 V2.4.1 XSD" : "TS 119 612 V2.2.1 XSD",
            errors: collector.messages.filter { !falsePositive($0) },
            suppressed: collector.messages.filter(falsePositive))
    }
}

private final class ErrorCollector {
    var messages: [String] = []
}
