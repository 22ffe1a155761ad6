import AuditCore
import Hummingbird
import Prometheus
import Synchronization

/// The server's Prometheus metrics, in a registry of its own (no global metrics system).
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let rejected: Counter
    private let reloads: Counter
    private let reloadFailures: Counter

    /// The endpoints requests are counted by (anything else is `other`).
    static let endpoints = [
        "/", "/app.css", "/v1/check", "/v1/profiles", "/v1/requirements", "/healthz", "/readyz", "/metrics",
        "/openapi.yaml",
    ]
    /// Latency buckets, from a cached certificate check (well under a millisecond) to a trusted list.
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    init() {
        let registry = self.registry
        latencies = Dictionary(
            uniqueKeysWithValues: (Self.endpoints + ["other"]).map { endpoint in
                (
                    endpoint,
                    registry.makeDurationHistogram(
                        descriptor: .init(
                            namespace: "trustaudit", metricName: "http_request_duration", unitName: "seconds",
                            helpText: "Time from the request's head to its answer"),
                        labels: [("endpoint", endpoint)], buckets: Self.buckets)
                )
            })
        verdicts = Dictionary(
            uniqueKeysWithValues: Verdict.allCases.map { verdict in
                (
                    verdict,
                    registry.makeCounter(
                        descriptor: .init(
                            namespace: "trustaudit", metricName: "items", unitName: "total",
                            helpText: "Items checked, by verdict"),
                        labels: [("verdict", verdict.rawValue)])
                )
            })
        inFlight = registry.makeGauge(
            descriptor: .init(
                namespace: "trustaudit", metricName: "checks_in_flight", unitName: "",
                helpText: "Check requests admitted and not yet answered"))
        rejected = registry.makeCounter(
            descriptor: .init(
                namespace: "trustaudit", metricName: "overload_rejections", unitName: "total",
                helpText: "Check requests answered 503 because the concurrency cap was reached"))
        reloads = registry.makeCounter(
            descriptor: .init(
                namespace: "trustaudit", metricName: "input_reloads", unitName: "total",
                helpText: "Input snapshots loaded on SIGHUP"))
        reloadFailures = registry.makeCounter(
            descriptor: .init(
                namespace: "trustaudit", metricName: "input_reload_failures", unitName: "total",
                helpText: "SIGHUP reloads that failed (the previous snapshot stays in use)"))
    }

    /// Per-request metrics are looked up here rather than re-registered (a registration builds
    /// the descriptor's strings and takes the registry's lock).
    private let counters = Mutex<[String: Counter]>([:])
    private let latencies: [String: DurationHistogram]
    private let verdicts: [Verdict: Counter]

    func request(endpoint path: String, status: Int, duration: Duration) {
        let endpoint = Self.endpoints.contains(path) ? path : "other"
        latencies[endpoint]?.record(duration)
        let key = "\(endpoint) \(status)"
        if let counter = counters.withLock({ $0[key] }) {
            counter.increment()
            return
        }
        let counter = registry.makeCounter(
            descriptor: .init(
                namespace: "trustaudit", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered"),
            labels: [("endpoint", endpoint), ("status", String(status))])
        counters.withLock { $0[key] = counter }
        counter.increment()
    }

    func items(_ verdict: Verdict) { verdicts[verdict]?.increment() }

    func admitted() { inFlight.increment(by: 1) }
    func finished() { inFlight.decrement(by: 1) }
    func overloaded() { rejected.increment() }
    func reloaded(ok: Bool) { ok ? reloads.increment() : reloadFailures.increment() }

    /// The text exposition of every metric.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}

/// Counts each answer and its latency.
struct MetricsRecordingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(endpoint: request.uri.path, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}
