import AuditCore
import EvidenceBundle
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import Pipeline
import Run
import Synchronization

/// `POST /v1/check`: the artefacts of one request checked against the current inputs, answered
/// with the records the CLI writes for the same bytes, name and validation time.
final class CheckEndpoint: Sendable {
    let configuration: ServerConfiguration
    let state: ServerState
    let metrics: ServerMetrics
    let pool: NIOThreadPool
    private let admitted = Atomic<Int>(0)

    /// Answer formats (`format=`).
    enum Format: String, CaseIterable {
        case jsonl, json, sarif
        /// The report page of a bundle, for these records (what the web form asks for).
        case html

        var contentType: String {
            switch self {
            case .jsonl: "application/x-ndjson"
            case .json: "application/json"
            case .sarif: "application/sarif+json"
            case .html: "text/html; charset=utf-8"
            }
        }
    }

    /// Bodies up to this size (a certificate, a token, a small CRL) are checked on the request's
    /// own task: two thread hops cost more than their check. Larger ones (trusted lists, large
    /// CRLs, batches) go to the worker pool so that they cannot hold up the server's tasks.
    static let inlineBodyLimit = 64 * 1024

    static let snapshotHeader = HTTPField.Name("TrustAudit-Snapshot")!
    static let itemsHeader = HTTPField.Name("TrustAudit-Items")!
    static let verdictHeader = HTTPField.Name("TrustAudit-Verdict")!

    init(configuration: ServerConfiguration, state: ServerState, metrics: ServerMetrics, pool: NIOThreadPool) {
        self.configuration = configuration
        self.state = state
        self.metrics = metrics
        self.pool = pool
    }

    func handle(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let formatText: String = query.get("format") ?? "jsonl"
        guard let format = Format(rawValue: formatText) else {
            throw Problem(
                .badRequest, code: "bad-parameter", "format '\(formatText)' is not one of jsonl, json, sarif, html")
        }
        let snapshot = state.current
        // The server's --at, if it was given one, stands in for "now" (reproducible answers).
        var validationTime = state.options.at.flatMap(RunOptions.parseTime) ?? Date()
        if let at = query.get("at") {
            guard let parsed = RunOptions.parseTime(at) else {
                throw Problem(
                    .badRequest, code: "bad-parameter",
                    "at '\(at)' is not an ISO 8601 time such as 2026-06-01T12:00:00Z")
            }
            validationTime = parsed
        }
        let profile = query.get("profile") ?? snapshot.inputs.options.profile
        let standards = query.get("standards") ?? snapshot.inputs.options.standards
        let name = query.get("name") ?? "body"
        guard !name.isEmpty, name.utf8.count <= 255, !name.contains("/"),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw Problem(
                .badRequest, code: "bad-parameter",
                "name must be a file name of 1 to 255 bytes, without / or control characters")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maximumBodyBytes {
            throw Problem(
                .contentTooLarge, code: "body-too-large",
                "the body of \(length) bytes exceeds the server's limit of \(configuration.maximumBodyBytes) bytes (--max-body)"
            )
        }

        guard admit() else {
            metrics.overloaded()
            throw Problem(
                .serviceUnavailable, code: "overloaded",
                "\(configuration.maximumConcurrentChecks) check requests are in progress (--max-concurrent); retry shortly",
                headers: [.retryAfter: "1"])
        }
        metrics.admitted()
        defer {
            admitted.subtract(1, ordering: .relaxed)
            metrics.finished()
        }
        let deadline = ContinuousClock.now + .seconds(configuration.requestDeadlineSeconds)
        let body = try await collect(request.body, deadline: deadline)
        let artefacts = try Self.artefacts(body, contentType: request.headers[.contentType], name: name)
        let inputs: RunInputs
        do {
            inputs = try snapshot.variant(profile: profile, standards: standards, validationTime: validationTime)
        } catch {
            throw Problem(.badRequest, code: "bad-parameter", error.message)
        }
        let limits = (
            items: configuration.maximumItems, deadline: deadline, deadlineSeconds: configuration.requestDeadlineSeconds
        )
        let outcome: Result<CheckedRecords, Problem>
        if body.count <= Self.inlineBodyLimit {
            outcome = Self.evaluate(artefacts, inputs: inputs, limits: limits, facts: format == .html)
        } else {
            outcome = try await pool.runIfActive {
                Self.evaluate(artefacts, inputs: inputs, limits: limits, facts: format == .html)
            }
        }
        let records = try outcome.get()
        for record in records.records { metrics.items(record.verdict) }
        let worst = records.records.map { $0.verdict }.max() ?? Verdict.conforming
        var headers: HTTPFields = [.contentType: format.contentType]
        if format == .html { headers[.contentSecurityPolicy] = ReportPage.contentSecurityPolicy }
        headers[Self.snapshotHeader] = snapshot.digest
        headers[Self.itemsHeader] = String(records.records.count)
        headers[Self.verdictHeader] = worst.rawValue
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.render(records, format, inputs))))
    }

    private func admit() -> Bool {
        let limit = configuration.maximumConcurrentChecks
        while true {
            let current = admitted.load(ordering: .relaxed)
            guard current < limit else { return false }
            if admitted.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    /// The body, or 408 when it is still arriving at the deadline (413 past the size limit).
    private func collect(_ body: RequestBody, deadline: ContinuousClock.Instant) async throws -> [UInt8] {
        let limit = configuration.maximumBodyBytes
        let seconds = configuration.requestDeadlineSeconds
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                do {
                    var buffer = try await body.collect(upTo: limit)
                    return buffer.readBytes(length: buffer.readableBytes) ?? []
                } catch is NIOTooManyBytesError {
                    throw Problem(
                        .contentTooLarge, code: "body-too-large",
                        "the body exceeds the server's limit of \(limit) bytes (--max-body)")
                }
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw Problem(
                    .requestTimeout, code: "body-timeout",
                    "the body did not arrive within \(seconds) s (--request-deadline)")
            }
            return bytes
        }
    }

    /// The named artefacts of a body: the parts of a multipart form, or the body itself.
    static func artefacts(_ body: [UInt8], contentType: String?, name: String) throws -> [(
        name: String, bytes: [UInt8]
    )] {
        if let contentType, let boundary = MultipartForm.boundary(contentType: contentType) {
            let parts: [MultipartForm.Part]
            do {
                parts = try MultipartForm.parts(of: body, boundary: boundary)
            } catch {
                throw Problem(.badRequest, code: "bad-multipart", "multipart/form-data body: \(error.reason)")
            }
            // A form's unused fields (no file chosen, nothing pasted) arrive as empty parts.
            let filled = parts.filter { !$0.bytes.isEmpty }
            guard !filled.isEmpty else {
                throw Problem(.badRequest, code: "empty", "the multipart body holds no non-empty part")
            }
            return filled.map { ($0.name, $0.bytes) }
        }
        guard !body.isEmpty else {
            throw Problem(
                .badRequest, code: "empty",
                "the body is empty: send one artefact (DER, PEM, base64 lines, XML) or a multipart/form-data form")
        }
        return [(name, body)]
    }

    /// Runs the checks on a worker thread: every item of the artefacts, in order, until the item
    /// cap or the deadline stops the request.
    static func evaluate(
        _ artefacts: [(name: String, bytes: [UInt8])], inputs: RunInputs,
        limits: (items: Int, deadline: ContinuousClock.Instant, deadlineSeconds: Double), facts: Bool = false
    ) -> Result<CheckedRecords, Problem> {
        let reader = InputReader(memory: artefacts, maximumItemSize: inputs.options.maximumItemSize)
        var count = 0
        var stop: Problem?
        let sink = CollectingSink()
        do {
            var settings = RunSettings(jobs: 1)
            settings.collectsFacts = facts
            let run = try AuditRun(inputs: inputs, settings: settings)
            _ = try run.run(
                items: {
                    guard stop == nil, let item = reader.next() else { return nil }
                    count += 1
                    if count > limits.items {
                        stop = Problem(
                            .contentTooLarge, code: "too-many-items",
                            "the request holds more than \(limits.items) items (--max-items); split it")
                        return nil
                    }
                    if count > 1 && ContinuousClock.now > limits.deadline {
                        stop = Problem(
                            .contentTooLarge, code: "deadline",
                            "checking the items took longer than \(limits.deadlineSeconds) s (--request-deadline); send fewer per request"
                        )
                        return nil
                    }
                    return item
                }, into: sink)
        } catch {
            return .failure(Problem(.internalServerError, code: "internal", "the run failed: \(error.message)"))
        }
        if let stop { return .failure(stop) }
        return .success(CheckedRecords(records: sink.records, lines: sink.lines, facts: sink.facts))
    }

    static func render(_ records: CheckedRecords, _ format: Format, _ inputs: RunInputs) -> [UInt8] {
        switch format {
        case .jsonl:
            return records.lines.flatMap { $0 }
        case .json:
            var bytes: [UInt8] = [0x5B]
            for (index, line) in records.lines.enumerated() {
                if index > 0 { bytes.append(0x2C) }
                bytes += line.last == 0x0A ? line.dropLast() : line[...]
            }
            bytes += [0x5D, 0x0A]
            return bytes
        case .sarif:
            var log = SARIFLog()
            for record in records.records { log.add(record) }
            return log.document(catalogue: inputs.profileSet.catalogue, toolVersion: ToolIdentity.version)
        case .html:
            let now = ISO8601DateFormatter().string(from: Date())
            var summary = RunSummary()
            for record in records.records { summary.add(record) }
            let manifest = RunManifest(
                tool: ToolIdentity.name, toolVersion: ToolIdentity.version, catalogueSHA256: "", profileSHA256: [:],
                parameters: ["profile": inputs.options.profile, "standards": inputs.options.standards],
                validationTime: ISO8601DateFormatter().string(from: inputs.validationTime),
                inputs: [], startedAt: now, finishedAt: now, counts: summary.counts)
            return ReportPage.html(
                records: records.records, facts: records.facts, profiles: inputs.profileSet, manifest: manifest)
        }
    }
}

/// The records of one request, as the run wrote them.
struct CheckedRecords: Sendable {
    var records: [ItemEvidence]
    var lines: [[UInt8]]
    var facts: [ItemFacts]
}
