import ArgumentParser
import AuditServer
import Dispatch
import Foundation
import Run
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer checks over HTTP: POST /v1/check with an artefact (or a TBSCertificate before signing).",
        discussion:
            "Inputs (issuers, trusted lists, LOTL, anchors, schemas, profiles) are loaded once and again on SIGHUP. Binds to 127.0.0.1; any other address needs --token-file. Endpoints: POST /v1/check, GET /v1/profiles, /v1/requirements, /healthz, /readyz, /metrics, /openapi.yaml, and the web form at /."
    )

    @OptionGroup var inputOptions: RunInputOptions

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port, printed on start).")
    var port = 8080

    @Option(
        name: .customLong("token-file"),
        help:
            "A file holding the bearer token every request but /healthz and /readyz must carry (required off loopback)."
    )
    var tokenFile: String?

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes (413 beyond).")
    var maxBody = 16 << 20

    @Option(name: .customLong("max-items"), help: "Most items one request may hold (413 beyond).")
    var maxItems = 1_000

    @Option(
        name: .customLong("request-deadline"),
        help: "Seconds a request may take to arrive and be checked (408 / 413 beyond).")
    var requestDeadline = 30.0

    @Option(
        name: .customLong("max-concurrent"),
        help: "Check requests in progress at once; one more gets 503 with Retry-After.")
    var maxConcurrent = 64

    @Option(name: .long, help: "Threads that run the checks (default: all cores).")
    var workers: Int?

    @Option(name: .customLong("idle-timeout"), help: "Seconds a silent connection is kept open.")
    var idleTimeout = 30

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0…65535") }
        if maxBody < 1 || maxItems < 1 || maxConcurrent < 1 || idleTimeout < 1 {
            throw ValidationError("--max-body, --max-items, --max-concurrent and --idle-timeout must be positive")
        }
        if !(requestDeadline > 0) || !requestDeadline.isFinite {
            throw ValidationError("--request-deadline must be a positive number of seconds")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let at = inputOptions.at, RunOptions.parseTime(at) == nil {
            throw ValidationError("--at '\(at)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
        }
    }

    func run() throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.options = inputOptions.runOptions
        configuration.maximumBodyBytes = maxBody
        configuration.maximumItems = maxItems
        configuration.requestDeadlineSeconds = requestDeadline
        configuration.maximumConcurrentChecks = maxConcurrent
        configuration.workers = workers ?? ProcessInfo.processInfo.activeProcessorCount
        configuration.idleTimeoutSeconds = idleTimeout
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw ValidationError("--token-file \(tokenFile) is not readable")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.utf8.count >= 16 else {
                throw ValidationError("--token-file \(tokenFile): the token must be at least 16 characters")
            }
            configuration.token = token
        }
        let server: AuditServer
        do {
            server = try AuditServer(configuration: configuration)
        } catch {
            throw ValidationError(error.message)
        }
        let digest = server.snapshotDigest
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { url in
                    FileHandle.standardError.write(
                        Data("trustaudit serve: listening on \(url) (inputs \(digest))\n".utf8))
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) { throw ValidationError("serve: \(message)") }
    }
}
