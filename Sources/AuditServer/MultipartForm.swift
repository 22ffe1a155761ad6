import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578 over RFC 2046 §5.1): each part's name
/// (its `filename`, else its field `name`) and its bytes.
struct MultipartForm {
    struct Part {
        var name: String
        var bytes: [UInt8]
    }

    /// Why a body is not a well-formed form: the request's fault (400).
    struct Malformed: Error {
        let reason: String
    }

    /// The `boundary` parameter of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(contentType: String) -> String? {
        // Most requests carry one artefact: answer them without splitting the header.
        guard contentType.utf8.count >= 19, contentType.prefix(19).lowercased() == "multipart/form-data" else {
            return nil
        }
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value =
                pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value
        }
        return ""
    }

    static func parts(of body: [UInt8], boundary: String) throws(Malformed) -> [Part] {
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw Malformed(
                reason: "multipart/form-data needs a boundary parameter of 1 to 70 characters (RFC 2046 §5.1.1)")
        }
        let delimiter = Array("--\(boundary)".utf8)
        let nextDelimiter = [0x0D, 0x0A] + delimiter
        let headerEnd: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        // The first delimiter opens the body or follows the preamble's CRLF.
        var position: Int
        if body.starts(with: delimiter) {
            position = delimiter.count
        } else if let first = body.firstRange(of: nextDelimiter) {
            position = first.upperBound
        } else {
            throw Malformed(reason: "the body holds no --\(boundary) delimiter line")
        }
        var parts: [Part] = []
        while true {
            if body[position...].starts(with: [0x2D, 0x2D]) { return parts } // the close delimiter
            // Transport padding, then the CRLF that ends the delimiter line.
            while position < body.count, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard body[position...].starts(with: [0x0D, 0x0A]) else {
                throw Malformed(reason: "a delimiter line is not followed by CRLF (part \(parts.count + 1))")
            }
            position += 2
            guard let headersEnd = body[position...].firstRange(of: headerEnd) else {
                throw Malformed(reason: "part \(parts.count + 1) has no blank line after its headers")
            }
            let headers = String(decoding: body[position..<headersEnd.lowerBound], as: UTF8.self)
            let contentStart = headersEnd.upperBound
            guard let end = body[contentStart...].firstRange(of: nextDelimiter) else {
                throw Malformed(
                    reason: "part \(parts.count + 1) is not closed by a --\(boundary) delimiter (body truncated?)")
            }
            let name = Self.name(headers) ?? "part-\(parts.count + 1)"
            parts.append(Part(name: name, bytes: Array(body[contentStart..<end.lowerBound])))
            position = end.upperBound
            guard position < body.count else { throw Malformed(reason: "the body ends inside a delimiter line") }
        }
    }

    /// The part's `filename`, else its field `name`, from its Content-Disposition header; a
    /// path in a file name is cut to its last component.
    static func name(_ headers: String) -> String? {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            var fields: [String: String] = [:]
            for parameter in pair[1].split(separator: ";").dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2 else { continue }
                var value = kv[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                fields[kv[0].lowercased()] = value
            }
            if let file = fields["filename"], !file.isEmpty {
                return String(file.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(file))
            }
            if let field = fields["name"], !field.isEmpty { return field }
        }
        return nil
    }
}
