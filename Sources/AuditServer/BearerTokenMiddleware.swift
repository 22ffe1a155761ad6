import Hummingbird

/// Requires `Authorization: Bearer <token>` on every path but the probes.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    static var openPaths: Set<String> { ["/healthz", "/readyz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        let given = request.headers[.authorization].map { Array($0.utf8) } ?? []
        let prefix = Array("Bearer ".utf8)
        guard given.starts(with: prefix), Self.constantTimeEqual(Array(given.dropFirst(prefix.count)), token) else {
            throw Problem(
                .unauthorized, code: "unauthorized", "this server needs Authorization: Bearer <token> (--token-file)",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
