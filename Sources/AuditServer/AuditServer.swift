import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Run
import ServiceLifecycle
import UnixSignals

/// `trustaudit serve`: the checks of `trustaudit check` behind HTTP, for checking an artefact
/// before it is issued or signed. Inputs are loaded once (and again on SIGHUP); each request
/// is answered with the same evidence records the CLI writes.
public final class AuditServer: Sendable {
    public let configuration: ServerConfiguration
    let state: ServerState
    let metrics = ServerMetrics()
    let pool: NIOThreadPool
    let logger: Logger

    /// Loads the run inputs; a bad input is a `RunError` before anything listens.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "trustaudit.serve")) throws(RunError)
    {
        if !configuration.isLoopback && configuration.token == nil {
            throw RunError(
                code: "input", "--host \(configuration.host) accepts connections from other machines: give --token-file"
            )
        }
        self.configuration = configuration
        self.logger = logger
        let initial = try InputsSnapshot.load(configuration.options) {
            logger.warning("\($0.trimmingCharacters(in: .newlines))")
        }
        state = ServerState(options: configuration.options, initial: initial)
        pool = NIOThreadPool(numberOfThreads: max(1, configuration.workers))
        pool.start()
    }

    /// The digest naming the inputs in use.
    public var snapshotDigest: String { state.current.digest }

    /// Loads the inputs again and swaps them in; the previous ones stay on failure.
    @discardableResult
    public func reload() -> Result<String, RunError> {
        let result = state.reload { logger.warning("\($0.trimmingCharacters(in: .newlines))") }
        metrics.reloaded(ok: (try? result.get()) != nil)
        return result.map(\.digest)
    }

    /// The router of every endpoint.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: MetricsRecordingMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        if let token = configuration.token { router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8))) }
        let check = CheckEndpoint(configuration: configuration, state: state, metrics: metrics, pool: pool)
        let state = self.state
        let metrics = self.metrics
        router.post("/v1/check") { request, _ in try await check.handle(request) }
        router.get("/v1/profiles") { _, _ in
            Self.json(CatalogueListing.profilesJSON(state.current.inputs.profileSet))
        }
        router.get("/v1/requirements") { request, _ in
            do {
                let profile = request.uri.queryParameters.get("profile")
                return Self.json(
                    try CatalogueListing.requirementsJSON(state.current.inputs.profileSet, profile: profile))
            } catch let error as RunError {
                throw Problem(.notFound, code: "unknown-profile", error.message)
            }
        }
        router.get("/healthz") { _, _ in Self.json(Array(#"{"status":"ok"}"#.utf8) + [0x0A]) }
        router.get("/readyz") { _, _ in
            let snapshot = state.current
            let loaded = ISO8601DateFormatter().string(from: snapshot.loadedAt)
            return Self.json(
                Array(#"{"loadedAt":"\#(loaded)","snapshot":"\#(snapshot.digest)","status":"ready"}"#.utf8) + [0x0A])
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("/openapi.yaml") { _, _ in Self.resource(PackageResources.openapi_yaml, type: "application/yaml") }
        router.get("/") { _, _ in Self.resource(PackageResources.index_html, type: "text/html; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.resource(PackageResources.app_css, type: "text/css; charset=utf-8") }
        return router
    }

    /// The application, listening on the configured address.
    /// - Parameter onRunning: told the URL it listens on (with the real port when 0 was asked).
    public func application(onRunning: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        let host = configuration.host
        return Application(
            router: router(),
            server: .http1(
                configuration: HTTP1Channel.Configuration(
                    idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.port),
                serverName: "\(ToolIdentity.name)/\(ToolIdentity.version)"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
            },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT (finishing the requests in progress); SIGHUP reloads the inputs.
    public func run(onRunning: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let reloader = ReloadOnSignal(server: self)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: application(onRunning: onRunning)), .init(service: reloader)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try await pool.shutdownGracefully()
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func resource(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Reloads the server's inputs on each SIGHUP until the service group shuts down.
struct ReloadOnSignal: Service {
    let server: AuditServer

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            switch server.reload() {
            case .success(let digest): server.logger.notice("SIGHUP: inputs reloaded, snapshot \(digest)")
            case .failure(let error):
                server.logger.error("SIGHUP: reload failed, the previous snapshot stays: \(error.message)")
            }
        }
    }
}

/// The page and every answer: no framing, no sniffing, no external resource.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        // A report page brings its own policy (inline script and style, nothing else).
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
