import AuditCore
import Foundation
import Pipeline
import Testing

@Suite struct OrderedParallelExecutorTests {
    static func run(jobs: Int, count: Int, batchSize: Int? = nil) -> [Int] {
        var next = 0
        var output: [Int] = []
        OrderedParallelExecutor(jobs: jobs, batchSize: batchSize).run(
            next: { () -> Int? in
                defer { next += 1 }
                return next < count ? next : nil
            },
            size: { _ in 1 },
            transform: { value in
                // Uneven work so that workers finish out of order.
                var x = value
                for _ in 0..<((value % 7) * 200) { x = (x &* 31) &+ 7 }
                return value * 2 + (x == -1 ? 1 : 0)
            },
            emit: { output.append($0) })
        return output
    }

    @Test(arguments: [1, 2, 3, 8])
    func outputIsInInputOrderForAnyJobCount(jobs: Int) {
        #expect(Self.run(jobs: jobs, count: 5_000) == (0..<5_000).map { $0 * 2 })
    }

    @Test func partialLastBatchAndEmptyInput() {
        #expect(Self.run(jobs: 2, count: 0) == [])
        #expect(Self.run(jobs: 2, count: 1) == [0])
        #expect(Self.run(jobs: 2, count: 130, batchSize: 64) == (0..<130).map { $0 * 2 })
    }

    /// Memory stays bounded: no more than two batches are pulled ahead of what has been emitted
    /// (one being transformed while the next is read), and with one job no more than one.
    @Test(arguments: [(1_000, 10, 6), (4, 1 << 20, 8)])
    func pulledAheadIsBoundedByTwoBatches(batchSize: Int, batchBytes: Int, bound: Int) {
        #expect(Self.maximumAhead(jobs: 2, batchSize: batchSize, batchBytes: batchBytes) == bound)
        #expect(Self.maximumAhead(jobs: 1, batchSize: batchSize, batchBytes: batchBytes) == bound / 2)
    }

    /// How far reading ran ahead of emitting over 25 items, checking the order on the way.
    static func maximumAhead(jobs: Int, batchSize: Int, batchBytes: Int) -> Int {
        var pulled = 0
        var emitted = 0
        var maximumAhead = 0
        OrderedParallelExecutor(jobs: jobs, batchSize: batchSize, batchBytes: batchBytes).run(
            next: { () -> Int? in
                guard pulled < 25 else { return nil }
                pulled += 1
                return pulled - 1
            },
            size: { _ in 4 },
            transform: { $0 },
            emit: { value in
                #expect(value == emitted)
                emitted += 1
                maximumAhead = max(maximumAhead, pulled - value)
            })
        #expect(emitted == 25)
        return maximumAhead
    }
}

@Suite struct EvidenceJSONTests {
    static let evidence = ItemEvidence(
        index: 7, source: "dir/a \"b\".pem#2", sha256: "00", kind: .certificate, type: "endEntity",
        profile: "rfc5280-basics", profileReason: "default",
        checks: [
            Check(
                requirement: "CERT-001", standard: "IETF RFC 5280", version: "(2008-05)", clause: "4.1.2.1",
                outcome: .fail, grade: .major, observed: "line\nbreak\u{01}\\", expected: nil, location: "tbs",
                message: "ü")
        ])

    @Test func recordIsOneLineOfValidJSONWithTheContractFields() throws {
        let line = EvidenceJSON.line(Self.evidence)
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        for key in ["index", "source", "sha256", "kind", "type", "profile", "verdict", "checks"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["source"] as? String == "dir/a \"b\".pem#2")
        #expect(object["verdict"] as? String == "major")
        #expect(object["failed"] as? [String] == ["CERT-001"])
        let check = try #require((object["checks"] as? [[String: Any]])?.first)
        for key in ["requirement", "standard", "clause", "outcome", "grade", "observed", "location", "message"] {
            #expect(check.keys.contains(key), "\(key)")
        }
        #expect(check["observed"] as? String == "line\nbreak\u{01}\\")
        #expect(check["expected"] is NSNull)
        #expect(check["message"] as? String == "ü")
    }

    @Test func keyOrderIsFixed() {
        let text = String(decoding: EvidenceJSON.line(Self.evidence), as: UTF8.self)
        #expect(text.hasPrefix("{\"index\":7,\"source\":"))
        // The escaped forms are part of the byte-for-byte contract.
        #expect(text.contains(#""source":"dir/a \"b\".pem#2","sha256":"00""#))
        #expect(text.contains(#""observed":"line\nbreak\u0001\\","expected":null,"location":"tbs","message":"ü"}]}"#))
    }

    /// Outcome and grade words come from a table of pre-encoded pieces: every pair must still
    /// write its own words, and a check with nothing to say writes four nulls.
    @Test func everyOutcomeAndGradeWritesItsOwnWords() throws {
        for outcome in Outcome.allCases {
            for grade in Grade.allCases {
                var evidence = Self.evidence
                evidence.checks = [
                    Check(
                        requirement: "CERT-001", standard: "S", version: "V", clause: "C", outcome: outcome,
                        grade: grade)
                ]
                let text = String(decoding: EvidenceJSON.line(evidence), as: UTF8.self)
                #expect(
                    text.contains(
                        #""outcome":"\#(outcome.rawValue)","grade":"\#(grade.rawValue)","observed":null,"expected":null,"location":null,"message":null}"#
                    ))
            }
        }
    }

    @Test func summaryCountsVerdictsAndTopFailures() {
        var summary = RunSummary()
        summary.add(Self.evidence)
        summary.add(Self.evidence)
        #expect(summary.items == 2)
        #expect(summary.hasNonConformities)
        #expect(summary.counts["major"] == 2)
        #expect(summary.text().contains("CERT-001"))
    }
}
