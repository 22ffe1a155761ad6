import Foundation
import TestSupport
import Testing

/// Issue #14, resource bounds and noise: hostile trusted lists are findings on their item, in
/// bounded time, and libxml2 prints nothing of its own.
@Suite(.serialized) struct ResourceBoundTests {
    typealias CLI = CommandLineTests

    static func signedList(replacingTransform transform: String, padding: Int = 0) throws -> String {
        var text = String(decoding: try Repository.bytes("trusted-lists/tl-signed.xml"), as: UTF8.self)
        let enveloped =
            "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"></ds:Transform>"
        let selfClosing = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
        let present = text.contains(enveloped) ? enveloped : selfClosing
        #expect(text.contains(present))
        text = text.replacingOccurrences(of: present, with: transform)
        if padding > 0 {
            let filler = String(repeating: "<tsl:Pad xmlns:tsl=\"urn:pad\"/>", count: padding)
            text = text.replacingOccurrences(of: "</tsl:SchemeInformation>", with: filler + "</tsl:SchemeInformation>")
        }
        return text
    }

    static func check(_ text: String) throws -> CLI.Run {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ta-bound-\(UUID()).xml")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try CLI.run(["check", "--at", "2026-06-01T00:00:00Z", file.path])
    }

    static func messages(_ run: CLI.Run) -> [String] {
        run.lines.flatMap { ($0["checks"] as? [[String: Any]]) ?? [] }.compactMap { $0["message"] as? String }
    }

    @Test func anXPathFilterThatExplodesStopsAtItsBudget() throws {
        let hostile =
            "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>count(//node()[count(//node()) &gt; count(//node()[count(//node()) &gt; 0])]) &gt;= 0</ds:XPath></ds:Transform>"
        let run = try Self.check(try Self.signedList(replacingTransform: hostile, padding: 2_000))
        #expect(run.lines.count == 1)
        #expect(Self.messages(run).contains { $0.contains("XPath operations") && $0.contains("resource bound") })
    }

    @Test func libxml2PrintsNothingForABrokenXPath() throws {
        let broken =
            "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>not(((</ds:XPath></ds:Transform>"
        let run = try Self.check(try Self.signedList(replacingTransform: broken))
        #expect(run.lines.count == 1)
        #expect(Self.messages(run).contains { $0.contains("XPath filter transform cannot be compiled") })
        #expect(!run.stderr.contains("XPath error"), "\(run.stderr)")
        #expect(!run.stderr.lowercased().contains("error :"))
    }

    @Test func fiftyThousandAttributesAreRefusedBeforeParsing() throws {
        let attributes = (0..<50_000).map { " a\($0)=\"x\"" }.joined()
        let text =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\"\(attributes)/>"
        let run = try Self.check(text)
        #expect(run.lines.count == 1)
        #expect(run.lines.first?["kind"] as? String == "trustedList")
        let observed = run.lines.flatMap { ($0["checks"] as? [[String: Any]]) ?? [] }.compactMap {
            $0["observed"] as? String
        }
        #expect((observed + Self.messages(run)).contains { $0.contains("more than 1000 attributes") })
    }

    /// An expected rate just below the tolerable one needs a large n; the size must still come
    /// out (the incomplete-beta path for many accepted deviations agrees with the exact sum:
    /// 5 244 for 95 % / 5 % / 4.5 % by the exact sum in Python, 129 000 for 4.9 % by
    /// scipy.stats.binom: P(X ≤ 6321) is 0.05006 at n = 128 999 and 0.049999 at 129 000).
    @Test func sampleSizesNearTheTolerableRateAreComputed() throws {
        let population = CLI.vector("certificates/leaf-ok.pem")
        let near = try CLI.run([
            "sample", "--confidence", "0.95", "--tolerable-rate", "0.05", "--expected-rate", "0.045", "--seed", "s",
            population,
        ])
        #expect(near.stderr.contains("n = 5244"), "\(near.stderr)")
        let nearer = try CLI.run([
            "sample", "--confidence", "0.95", "--tolerable-rate", "0.05", "--expected-rate", "0.049", "--seed", "s",
            population,
        ])
        #expect(nearer.stderr.contains("n = 129000"), "\(nearer.stderr)")
    }

    /// --max-item-size bounds every container: a whole file, and the inflated size of gzip.
    @Test func itemSizeLimitIsConfigurable() throws {
        let run = try CLI.run([
            "check", "--quiet", "--max-item-size", "100", CLI.vector("certificates/ber-boolean-01.der"),
        ])
        #expect(run.lines.count == 1)
        let observed = run.lines.flatMap { ($0["checks"] as? [[String: Any]]) ?? [] }.compactMap {
            $0["observed"] as? String
        }
        #expect(observed.contains { $0.contains("100-byte item limit") }, "\(observed)")
        #expect(try CLI.run(["check", "--max-item-size", "0", CLI.vector("certificates/leaf-ok.pem")]).status == 2)
    }
}
