import Foundation
import Hummingbird
import NIOCore

/// An RFC 9457 problem answer (`application/problem+json`): what was wrong with the request,
/// never with an artefact (an artefact's problems are findings in its record).
public struct Problem: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    /// A stable token naming the problem (`body-too-large`, `bad-parameter`…), in `type` as
    /// `urn:trustaudit:problem:<code>`.
    public let code: String
    public let detail: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        let body: [String: Any] = [
            "type": "urn:trustaudit:problem:\(code)", "title": status.reasonPhrase, "status": status.code,
            "detail": detail,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        var fields: HTTPFields = [.contentType: "application/problem+json"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns every error a route throws into a problem answer, so that no request gets an empty
/// body and nothing becomes a 500 by accident.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods of each path, for a 405 with `Allow` where a path exists under another method.
    static var methods: [String: [String]] {
        let reads = [
            "/v1/profiles", "/v1/requirements", "/healthz", "/readyz", "/metrics", "/openapi.yaml", "/", "/app.css",
        ]
        return Dictionary(uniqueKeysWithValues: reads.map { ($0, ["GET", "HEAD"]) } + [("/v1/check", ["POST"])])
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch let error as HTTPError where error.status == .notFound {
            if let allowed = Self.methods[request.uri.path], !allowed.contains(request.method.rawValue) {
                let allow = allowed.joined(separator: ", ")
                return Problem(
                    .methodNotAllowed, code: "method-not-allowed", "\(request.uri.path) answers \(allow) only",
                    headers: [.allow: allow]
                ).response()
            }
            return Problem(.notFound, code: "not-found", "no such endpoint: \(request.method) \(request.uri.path)")
                .response()
        } catch let error as HTTPError {
            let detail =
                error.status == .notFound
                ? "no such endpoint or method: \(request.method) \(request.uri.path)"
                : error.body ?? error.status.reasonPhrase
            return Problem(
                error.status, code: error.status == .notFound ? "not-found" : "http", detail, headers: error.headers
            ).response()
        } catch let error as NIOTooManyBytesError {
            return Problem(.contentTooLarge, code: "body-too-large", "the body exceeds \(error.maxBytes ?? 0) bytes")
                .response()
        } catch {
            context.logger.error("unexpected error: \(error)")
            return Problem(.internalServerError, code: "internal", "the server failed: \(error)").response()
        }
    }
}
