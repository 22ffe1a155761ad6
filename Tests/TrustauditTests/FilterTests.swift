import Foundation
import TestSupport
import Testing

/// Pre-selection before the full check (issue #8): `--only-etsi`, `--only-issuer`, `--valid-at`.
@Suite(.serialized) struct FilterTests {
    typealias CLI = CommandLineTests
    static let at = "2026-06-01T12:00:00Z"
    static let certificates = Repository.testVectors.appendingPathComponent("certificates").path

    static func profiles(_ run: CommandLineTests.Run) -> [String: String] {
        Dictionary(
            run.lines.map { ($0["source"] as? String ?? "", $0["profile"] as? String ?? "") },
            uniquingKeysWith: { first, _ in first })
    }

    @Test func onlyETSIKeepsEveryETSICertificateAndDropsPlainOnes() throws {
        let all = try CLI.run(["check", "--quiet", "--at", Self.at, Self.certificates])
        let etsi = try CLI.run(["check", "--at", Self.at, "--only-etsi", Self.certificates])
        let everything = Self.profiles(all)
        let kept = Self.profiles(etsi)
        #expect(!kept.isEmpty && kept.count < everything.count)
        // No end-entity certificate checked against an ETSI profile is lost (CA certificates get
        // the CA profile whatever they claim, and carry no ETSI marker of their own)…
        for (source, profile) in everything
        where (profile.hasPrefix("en319412-") || profile.hasPrefix("ts119495-")) && profile != "en319412-ca" {
            #expect(kept[source] != nil, "\(source) (\(profile)) was filtered out")
        }
        // …items that are not certificates, or could not be read, always pass…
        for (source, profile) in everything where profile == "unrecognised-input" {
            #expect(kept[source] != nil, "\(source)")
        }
        // …and plain web/basics certificates without ETSI markers go.
        #expect(
            kept.values.filter { $0 == "rfc5280-basics" }.count
                < everything.values.filter { $0 == "rfc5280-basics" }.count)
        #expect(etsi.stderr.contains("filtered: \(everything.count - kept.count) certificate(s)"))
    }

    @Test func issuerAndValidityFilters() throws {
        let etsi = Self.certificates + "/etsi"
        let all = try CLI.run(["check", "--quiet", "--at", Self.at, etsi]).lines.count
        let byIssuer = try CLI.run([
            "check", "--quiet", "--at", Self.at, "--only-issuer", "trustaudit test issuing", etsi,
        ]).lines.count
        let noIssuer = try CLI.run(["check", "--quiet", "--at", Self.at, "--only-issuer", "no such CA anywhere", etsi])
            .lines.count
        #expect(byIssuer > 0 && byIssuer <= all)
        #expect(noIssuer < byIssuer)
        // The test certificates are valid in 2026; in 1999 none is.
        let valid = try CLI.run(["check", "--quiet", "--at", Self.at, "--valid-at", "2026-06-01T00:00:00Z", etsi]).lines
            .count
        let old = try CLI.run(["check", "--quiet", "--at", Self.at, "--valid-at", "1999-01-01T00:00:00Z", etsi]).lines
            .count
        #expect(valid > old)
        #expect(try CLI.run(["check", "--valid-at", "yesterday", etsi]).status == 2)
    }
}
