import AuditServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Pipeline
import Run
import TestSupport
import Testing

/// The server's answers, driven through its router: records equal to the library run the CLI
/// makes, and every request problem a 4xx problem+json (or 503 when overloaded), never a 500.
@Suite struct ServerTests {
    static let at = "2026-06-01T12:00:00Z"

    static func server(_ change: (inout ServerConfiguration) -> Void = { _ in }) throws -> AuditServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.options.at = at
        configuration.options.issuers = [
            Repository.testVectors.appendingPathComponent("certificates/issuing-ca.pem").path
        ]
        configuration.workers = 2
        change(&configuration)
        return try AuditServer(configuration: configuration)
    }

    /// What `trustaudit check --at … --issuer issuing-ca.pem NAME` writes for a file NAME holding `bytes`.
    static func cliRecords(_ files: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        var options = RunOptions()
        options.at = at
        options.issuers = [Repository.testVectors.appendingPathComponent("certificates/issuing-ca.pem").path]
        let run = try AuditRun(inputs: try RunInputs.load(options), settings: RunSettings(jobs: 1))
        let sink = CollectingSink()
        _ = try run.run(InputReader(memory: files), into: sink)
        return sink.lines.flatMap { $0 }
    }

    static func body(_ response: TestResponse) -> [UInt8] {
        var buffer = response.body
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    static func problemType(_ response: TestResponse) -> String? {
        guard response.headers[.contentType] == "application/problem+json",
            let object = try? JSONSerialization.jsonObject(with: Data(body(response))) as? [String: Any]
        else { return nil }
        return object["type"] as? String
    }

    @Test func everyCertificateVectorAnswersWithTheCLIRecordsByteForByte() async throws {
        let folder = Repository.testVectors.appendingPathComponent("certificates")
        let files = Repository.files(under: folder, extensions: ["der", "pem", "crt"]).prefix(40)
        #expect(files.count >= 20)
        let app = Application(router: try Self.server().router())
        try await app.test(.router) { client in
            for file in files {
                let bytes = [UInt8](try Data(contentsOf: file))
                let name = file.lastPathComponent
                let response = try await client.execute(
                    uri: "/v1/check?name=\(name)", method: .post, body: ByteBuffer(bytes: bytes))
                #expect(response.status == .ok, "\(name)")
                #expect(
                    Self.body(response) == (try Self.cliRecords([(name, bytes)])),
                    "\(name): records differ from the CLI's")
                #expect(response.headers[HTTPField.Name("TrustAudit-Snapshot")!]?.hasPrefix("sha256:") == true)
            }
        }
    }

    @Test func multipartPartsAreInputsInOrderAndEmptyFieldsAreIgnored() async throws {
        let a = try Repository.bytes("certificates/issuing-ca.pem")
        let b = try Repository.der("certificates/bc-ca-false-encoded.der")
        let boundary = "xYz123"
        var form: [UInt8] = []
        for (field, file, bytes) in [("f", "a.pem", a), ("g", "b.der", b), ("pasted.pem", "", [UInt8]())] {
            form += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\(file.isEmpty ? "" : "; filename=\"\(file)\"")\r\n\r\n"
                    .utf8)
            form += bytes + Array("\r\n".utf8)
        }
        form += Array("--\(boundary)--\r\n".utf8)
        let body = form
        let app = Application(router: try Self.server().router())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/check", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(bytes: body))
            #expect(response.status == .ok)
            #expect(Self.body(response) == (try Self.cliRecords([("a.pem", a), ("b.der", b)])))
            #expect(response.headers[HTTPField.Name("TrustAudit-Items")!] == "2")
        }
    }

    @Test func aTBSCertificateIsCheckedWithoutItsSignature() async throws {
        let certificate = try Repository.der("certificates/bc-ca-false-encoded.der")
        // The first element of the Certificate SEQUENCE is the TBSCertificate.
        let blocks = Self.children(certificate)
        let app = Application(router: try Self.server().router())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/check?format=json", method: .post, body: ByteBuffer(bytes: blocks[0]))
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(Self.body(response))) as? [[String: Any]])
            let checks = try #require(records.first?["checks"] as? [[String: Any]])
            let signature = checks.first { $0["requirement"] as? String == "CERT-018" }
            #expect(records.first?["kind"] as? String == "certificate")
            #expect(signature?["outcome"] as? String == "notApplicable")
            #expect((records.first?["profileReason"] as? String)?.contains("TBSCertificate before signing") == true)
        }
    }

    @Test func badRequestsAreProblemsNotServerErrors() async throws {
        let app = Application(
            router: try Self.server {
                $0.maximumBodyBytes = 1000
                $0.maximumItems = 2
            }.router())
        let cert: [UInt8] = [0x30, 0x00]
        try await app.test(.router) { client in
            let cases: [(String, HTTPFields, [UInt8], HTTPResponse.Status, String)] = [
                ("/v1/check?format=xml", [:], cert, .badRequest, "bad-parameter"),
                ("/v1/check?at=yesterday", [:], cert, .badRequest, "bad-parameter"),
                ("/v1/check?profile=no-such-profile", [:], cert, .badRequest, "bad-parameter"),
                ("/v1/check", [:], [], .badRequest, "empty"),
                (
                    "/v1/check", [.contentType: "multipart/form-data; boundary=b"], Array("--b\r\nno end".utf8),
                    .badRequest, "bad-multipart"
                ),
                ("/v1/check", [:], [UInt8](repeating: 0x30, count: 1001), .contentTooLarge, "body-too-large"),
                ("/v1/check", [:], Array("MA==\nMA==\nMA==\n".utf8), .contentTooLarge, "too-many-items"),
                ("/v1/nothing", [:], [], .notFound, "not-found"),
                ("/v1/profiles", [:], [], .methodNotAllowed, "method-not-allowed"),
            ]
            for (uri, headers, body, status, code) in cases {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == status, "\(uri)")
                #expect(Self.problemType(response) == "urn:trustaudit:problem:\(code)", "\(uri)")
            }
            // A malformed artefact is a record, not a problem.
            let garbage = try await client.execute(
                uri: "/v1/check", method: .post, body: ByteBuffer(bytes: [0x30, 0x82, 0xFF]))
            #expect(garbage.status == .ok)
            #expect(String(decoding: Self.body(garbage), as: UTF8.self).contains("INPUT-001"))
        }
    }

    @Test func overloadIsA503WithRetryAfter() async throws {
        let app = Application(router: try Self.server { $0.maximumConcurrentChecks = 0 }.router())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/check", method: .post, body: ByteBuffer(bytes: [0x30, 0x00]))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "1")
            #expect(Self.problemType(response) == "urn:trustaudit:problem:overloaded")
        }
    }

    @Test func offLoopbackNeedsATokenAndChecksIt() async throws {
        #expect(throws: RunError.self) { try Self.server { $0.host = "0.0.0.0" } }
        let app = Application(
            router: try Self.server {
                $0.host = "0.0.0.0"
                $0.token = "0123456789abcdef-token"
            }.router())
        try await app.test(.router) { client in
            let refused = try await client.execute(uri: "/v1/profiles", method: .get)
            #expect(refused.status == .unauthorized)
            let wrong = try await client.execute(
                uri: "/v1/profiles", method: .get, headers: [.authorization: "Bearer 0123456789abcdef-tokeN"])
            #expect(wrong.status == .unauthorized)
            let allowed = try await client.execute(
                uri: "/v1/profiles", method: .get, headers: [.authorization: "Bearer 0123456789abcdef-token"])
            #expect(allowed.status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func listingsMetricsAndPagesAnswer() async throws {
        let server = try Self.server()
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            let profiles = try await client.execute(uri: "/v1/profiles", method: .get)
            let names = (try JSONSerialization.jsonObject(with: Data(Self.body(profiles))) as? [[String: Any]])?
                .compactMap { $0["name"] as? String }
            #expect(names?.contains("en319412-qcp-n-qscd") == true)
            let requirements = try await client.execute(uri: "/v1/requirements?profile=rfc5280-basics", method: .get)
            #expect(String(decoding: Self.body(requirements), as: UTF8.self).contains("\"CERT-001\""))
            #expect(try await client.execute(uri: "/v1/requirements?profile=nope", method: .get).status == .notFound)
            _ = try await client.execute(uri: "/v1/check", method: .post, body: ByteBuffer(bytes: [0x30, 0x00]))
            let metrics = String(
                decoding: Self.body(try await client.execute(uri: "/metrics", method: .get)), as: UTF8.self)
            #expect(metrics.contains("trustaudit_items_total{verdict=\"major\"} 1"))
            #expect(metrics.contains("trustaudit_http_request_duration_seconds_bucket"))
            let spec = String(
                decoding: Self.body(try await client.execute(uri: "/openapi.yaml", method: .get)), as: UTF8.self)
            #expect(spec.hasPrefix("openapi: 3.1.0"))
            let page = try await client.execute(uri: "/", method: .get)
            #expect(String(decoding: Self.body(page), as: UTF8.self).contains("action=\"/v1/check?format=html\""))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let report = try await client.execute(
                uri: "/v1/check?format=html", method: .post,
                body: ByteBuffer(bytes: try Repository.bytes("certificates/issuing-ca.pem")))
            #expect(String(decoding: Self.body(report), as: UTF8.self).contains("TrustAudit conformity report"))
        }
        #expect(try server.reload().get() == server.snapshotDigest)
    }

    /// The encodings of the elements inside the outer SEQUENCE of `der`.
    static func children(_ der: [UInt8]) -> [[UInt8]] {
        func header(_ at: Int) -> (start: Int, end: Int) {
            let first = Int(der[at + 1])
            if first < 0x80 { return (at + 2, at + 2 + first) }
            let count = first & 0x7F
            let length = der[(at + 2)..<(at + 2 + count)].reduce(0) { $0 << 8 | Int($1) }
            return (at + 2 + count, at + 2 + count + length)
        }
        var children: [[UInt8]] = []
        var position = header(0).start
        while position < der.count {
            let end = header(position).end
            children.append(Array(der[position..<end]))
            position = end
        }
        return children
    }
}
