import Run

/// What `trustaudit serve` is started with: where it listens, the run inputs every request is
/// judged against, and the limits that keep one client from taking the server.
public struct ServerConfiguration: Sendable {
    /// Loopback by default; any other address needs a bearer ``token``.
    public var host = "127.0.0.1"
    /// 0 picks a free port (printed when the server is up).
    public var port = 8080
    /// Requests must carry `Authorization: Bearer <token>` (probes excepted) when set.
    public var token: String?
    /// The run inputs (issuers, trusted lists, LOTL, anchors, schemas, profiles…), loaded at
    /// start and again on SIGHUP; a request may choose its own profile, time and standards.
    public var options = RunOptions()
    /// The largest request body; a larger one is answered 413.
    public var maximumBodyBytes = 16 << 20
    /// The most items one request may hold; more is answered 413.
    public var maximumItems = 1_000
    /// Reading the body and checking its items must end within this many seconds (408 while
    /// the body is still arriving, 413 once the items take longer).
    public var requestDeadlineSeconds = 30.0
    /// Requests checked at once (queued on the workers included); one more is answered 503
    /// with Retry-After instead of waiting in an unbounded queue.
    public var maximumConcurrentChecks = 64
    /// Threads that run the checks.
    public var workers = 2
    /// A connection silent for this long is closed (slow or stalled clients).
    public var idleTimeoutSeconds = 30

    public init() {}

    /// Whether `host` only accepts connections from this machine.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }
}
