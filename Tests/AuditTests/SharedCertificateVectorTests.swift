import Audit
import AuditCore
import Certificates
import Foundation
import Pipeline
import TestSupport
import Testing
import TrustedLists

/// Cross-checks on the shared vectors (`../shared/vectors/certs`): the sibling research set with
/// its own expected verdicts, and 450 real certificates taken from EU trusted lists.
@Suite struct SharedCertificateVectorTests {
    struct SharedExpected: Decodable {
        struct Vector: Decodable {
            var file: String
            var profile: String
            var expected_verdict: String
            var requirements: [String]
        }
        var vectors: [Vector]
    }

    /// The research set's profile names, mapped to ours.
    static let profiles: [String: String] = [
        "qcp_n_qscd": "en319412-qcp-n-qscd", "qcp_n": "en319412-qcp-n", "qcp_l_qscd": "en319412-qcp-l-qscd",
        "qcp_l": "en319412-qcp-l", "qwac_ev": "en319412-qevcp-w", "qwac_ov": "en319412-qncp-w",
        "psd2_qwac": "ts119495-psd2-qwac", "psd2_qsealc": "ts119495-psd2-qsealc", "ncp_n": "en319412-ncp-n",
        "tsu": "en319422-tsu", "ca": "en319412-ca",
    ]

    /// Requirements TrustAudit also reports on a research vector, beyond the set's list, each for a
    /// clause the set's author did not apply (docs/DIFFERENTIAL.md, "Research set"):
    /// - CERT-061: EN 319 422 V1.1.1 §6.1 applies EN 319 412-3 to a TSU certificate, and with it
    ///   EN 319 412-2 GEN-4.3.3-2 (certificatePolicies shall be present); the set's TSU certificates
    ///   carry none, so its conforming TSU baseline is a major non-conformity here;
    /// - CERT-014: the EC TSU key with keyEncipherment breaks RFC 5480 §3 as updated by RFC 8813 §3.
    static let alsoReported: [String: Set<String>] = [
        "gen/tsu__ok.pem": ["CERT-061"], "gen/tsu__eku_not_critical.pem": ["CERT-061"],
        "gen/tsu__eku_extra.pem": ["CERT-061"],
        "gen/tsu__no_eku.pem": ["CERT-061"], "gen/tsu__ku_keyenc.pem": ["CERT-014", "CERT-061"],
    ]
    /// The research set's verdict those additions change.
    static let verdictAfterAdditions: [String: String] = ["gen/tsu__ok.pem": "fail"]

    /// pass → conforming; warning → a should-level finding (minor or observation); fail → major.
    static let verdicts: [String: Set<Verdict>] = [
        "pass": [.conforming], "warning": [.minor, .observation], "fail": [.major],
    ]

    static func evidence(_ url: URL) -> [ItemEvidence] {
        ExpectedVerdictTests.records(url.path)
    }

    @Test func researchSetMatchesEveryVerdictRequirementAndProfile() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let folder = shared.appendingPathComponent("certs")
        let expected = try JSONDecoder().decode(
            SharedExpected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        #expect(expected.vectors.count >= 75)
        for vector in expected.vectors {
            let record = try #require(Self.evidence(folder.appendingPathComponent(vector.file)).first)
            let expectedVerdict = Self.verdictAfterAdditions[vector.file] ?? vector.expected_verdict
            #expect(
                Self.verdicts[expectedVerdict]?.contains(record.verdict) == true,
                "\(vector.file): \(record.verdict) for expected \(expectedVerdict)")
            let expectedIDs = Set(vector.requirements).union(Self.alsoReported[vector.file] ?? [])
            #expect(Set(record.failedRequirements.map(\.rawValue)) == expectedIDs, "\(vector.file)")
            #expect(record.profile == Self.profiles[vector.profile], "\(vector.file): \(record.profileReason)")
        }
    }

    @Test func realTrustedListCertificatesAllDecodeAndGetATypedProfile() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let folder = shared.appendingPathComponent("certs/tl")
        let index = try String(contentsOf: folder.appendingPathComponent("index.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 3).map(String.init) }
        let category = Dictionary(uniqueKeysWithValues: index.map { (($0[0] as NSString).lastPathComponent, $0[2]) })
        let files = Repository.files(under: folder, extensions: ["der"])
        #expect(files.count >= 450)
        for url in files {
            let record = try #require(Self.evidence(url).first)
            #expect(record.kind == .certificate, "\(url.lastPathComponent)")
            #expect(record.type != "undecodable", "\(url.lastPathComponent)")
            switch category[url.lastPathComponent] {
            case "ca": #expect(record.type == "ca", "\(url.lastPathComponent): \(record.profileReason)")
            // A CA certificate that also lists timeStamping is a CA (cA TRUE decides).
            case "tsu":
                #expect(["tsu", "ca"].contains(record.type), "\(url.lastPathComponent): \(record.profileReason)")
            default: break
            }
        }
    }
}

/// Every certificate named as a service digital identity in the shared real trusted lists decodes
/// and is typed; the CA ones (basicConstraints cA TRUE) get the CA profile.
@Suite struct TrustedListCertificateTests {
    @Test func everyServiceCertificateOfTheRealListsDecodesAndIsClassified() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let lists = Repository.files(under: shared.appendingPathComponent("trusted-lists/tl"), extensions: ["xml"])
            .filter { !$0.path.contains("/negative/") }
        var seen = Set<[UInt8]>()
        for url in lists {
            guard
                case .success(let list) = TrustedListParser.parse(
                    [UInt8](try Data(contentsOf: url)), source: url.lastPathComponent)
            else { continue }
            for provider in list.providers {
                for service in provider.services {
                    for der in service.identity.certificates where seen.insert(der).inserted {
                        let inspected = InspectedCertificate(bytes: der)
                        #expect(
                            inspected.certificate != nil, "\(url.lastPathComponent): \(provider.name) / \(service.name)"
                        )
                        #expect(ArtefactClassifier().classify(der).form == .certificate)
                        if inspected.extensions?.isCA == true { #expect(inspected.detection.type == .ca) }
                    }
                }
            }
        }
        #expect(seen.count > 1_000, "only \(seen.count) distinct service certificates")
        print("decoded and classified \(seen.count) distinct service certificates from \(lists.count) real lists")
    }
}
