import AuditCore
import Certificates
import Foundation
import TestSupport
import Testing
import TrustedLists

/// The trusted-list model, qualification at a time, and the CERT-135/-136 cross-check, on a list
/// written here around the project's test issuing CA, and on the shared real lists.
@Suite struct QualificationTests {
    static let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))

    static func der(_ path: String) throws -> [UInt8] { try Repository.der(path) }

    /// A TS 119 612 list with one CA/QC service for the test issuing CA.
    static func list(
        status: String = "granted", since: String = "2025-01-01T00:00:00Z", qualifiers: [String] = ["QCWithQSCD"],
        asi: [String] = ["ForeSignatures"], history: String = ""
    ) throws -> [UInt8] {
        TrustedListXML.make(
            certificate: try der("certificates/issuing-ca.pem"), status: status, since: since, qualifiers: qualifiers,
            additionalInformation: asi, history: history)
    }

    static func findings(_ certificate: String, list: [UInt8]?) throws -> [Finding] {
        let store = list.map { TrustedListStore(files: [("test-tl.xml", $0)]) }
        let item = InspectedCertificate(bytes: try der(certificate))
        return QualificationRules.rules(store: store).rules.flatMap { $0.evaluate(item, in: context) }
    }

    static func outcome(_ findings: [Finding], _ id: RequirementID) -> Outcome? {
        findings.first { $0.requirement == id }?.outcome
    }

    @Test func grantedServiceWithMatchingQualifiersPasses() throws {
        let findings = try Self.findings("certificates/etsi/qcp-n-qscd__ok.pem", list: try Self.list())
        #expect(Self.outcome(findings, "CERT-135") == .pass, "\(findings)")
        #expect(Self.outcome(findings, "CERT-136") == .pass)
        #expect(findings.first?.observed?.contains("granted since 2025-01-01T00:00:00Z; qualifiers QCWithQSCD") == true)
    }

    @Test func qscdClaimAgainstQCNoQSCDFails() throws {
        let findings = try Self.findings(
            "certificates/etsi/qcp-n-qscd__ok.pem", list: try Self.list(qualifiers: ["QCNoQSCD"]))
        #expect(Self.outcome(findings, "CERT-135") == .fail)
        #expect(findings.first?.message?.contains("QCNoQSCD") == true)
    }

    @Test func sealTypeAgainstSignatureServiceFails() throws {
        let findings = try Self.findings(
            "certificates/etsi/qcp-l-qscd__ok.pem", list: try Self.list(asi: ["ForeSignatures"]))
        #expect(Self.outcome(findings, "CERT-135") == .fail)
        #expect(findings.first?.message?.contains("the service is for esign") == true)
    }

    @Test func statusAtIssuanceComesFromHistory() throws {
        // Withdrawn since 2027, granted before (history): a certificate issued 2026-04-01 passes.
        let history = """
            <tsl:ServiceHistory><tsl:ServiceHistoryInstance>
             <tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</tsl:ServiceTypeIdentifier>
             <tsl:ServiceName><tsl:Name xml:lang="en">TrustAudit Test Issuing CA</tsl:Name></tsl:ServiceName>
             <tsl:ServiceDigitalIdentity><tsl:DigitalId/></tsl:ServiceDigitalIdentity>
             <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</tsl:ServiceStatus>
             <tsl:StatusStartingTime>2025-01-01T00:00:00Z</tsl:StatusStartingTime>
            </tsl:ServiceHistoryInstance></tsl:ServiceHistory>
            """
        let list = try Self.list(status: "withdrawn", since: "2027-01-01T00:00:00Z", history: history)
        #expect(
            Self.outcome(try Self.findings("certificates/etsi/qcp-n-qscd__ok.pem", list: list), "CERT-135") == .pass)
        let withdrawnEarly = try Self.list(status: "withdrawn", since: "2026-01-01T00:00:00Z", history: history)
        #expect(
            Self.outcome(try Self.findings("certificates/etsi/qcp-n-qscd__ok.pem", list: withdrawnEarly), "CERT-135")
                == .fail)
    }

    @Test func issuerOnNoListIsReportedAndWithoutListsNothingIsClaimed() throws {
        let unlisted = try Self.findings("certificates/etsi/ca__ok.pem", list: try Self.list())
        #expect(Self.outcome(unlisted, "CERT-135") == .notChecked)
        let none = try Self.findings("certificates/etsi/qcp-n-qscd__ok.pem", list: nil)
        #expect(none.allSatisfy { $0.outcome == .notChecked })
        // A QcCompliance claim by an issuer on no list: the ETSI CA is issued by the root, which is not listed.
        let claim = try Self.findings(
            "certificates/etsi/qcp-n-qscd__ok.pem",
            list: Array("<tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\"/>".utf8))
        #expect(Self.outcome(claim, "CERT-136") == .fail)
    }

    @Test func realListsParseWithServicesAndStatuses() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let files = Repository.files(
            under: shared.appendingPathComponent("trusted-lists/tl/national"), extensions: ["xml"])
        #expect(!files.isEmpty)
        var services = 0
        for url in files {
            switch TrustedListParser.parse([UInt8](try Data(contentsOf: url)), source: url.lastPathComponent) {
            case .success(let list):
                let count = list.providers.reduce(0) { $0 + $1.services.count }
                // Every TSPService element of the file is read (a list may have none, e.g. CY 2018).
                let text = try String(contentsOf: url, encoding: .utf8)
                let tags = text.matches(of: /<([A-Za-z0-9_]+:)?TSPService[ >]/).count
                #expect(count == tags, "\(url.lastPathComponent): \(count) services read, \(tags) in the file")
                #expect(list.territory?.count == 2, "\(url.lastPathComponent)")
                services += count
            case .failure(let error):
                Issue.record("\(url.lastPathComponent): \(error)")
            }
        }
        #expect(services > 100)
    }

    /// With a LOTL, `--trusted-lists` uses only the lists the LOTL authenticates (TL-072), and
    /// qualification evidence names the LOTL; without one it says the signatures were not verified.
    @Test func storeUsesOnlyListsItsLOTLAuthenticates() throws {
        let lotl = try #require(LOTLPointers(bytes: try Repository.bytes("trusted-lists/lotl.xml"), source: "lotl.xml"))
        let files = try ["tl-signed.xml", "tl-signed-not-announced.xml", "tl-v5-minimal.xml"].map {
            (source: $0, bytes: try Repository.bytes("trusted-lists/\($0)"))
        }
        let store = TrustedListStore(files: files, authenticatedBy: lotl)
        #expect(store.lists.map(\.source) == ["tl-signed.xml"])
        #expect(store.rejected.map(\.source) == ["tl-signed-not-announced.xml", "tl-v5-minimal.xml"])
        #expect(store.rejected[0].reason.contains("TL-072"))
        #expect(store.rejected[1].reason.contains("TL-050"))
        #expect(store.provenance.contains("authenticated by the LOTL lotl.xml"))
        #expect(TrustedListStore(files: files).lists.count == 3)
        #expect(TrustedListStore(files: files).provenance.contains("not verified"))
    }
}
