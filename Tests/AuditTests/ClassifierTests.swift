import Audit
import AuditCore
import Foundation
import TestSupport
import Testing

@Suite struct ClassifierTests {
    let classifier = ArtefactClassifier()

    @Test func ownVectorsAreClassifiedFromTheirBytes() throws {
        #expect(classifier.classify(try Repository.bytes("timestamps/token-ok.tst")).form == .timestampToken)
        #expect(classifier.classify(try Repository.bytes("timestamps/response-ok.tsr")).form == .timestampResponse)
        #expect(classifier.classify(try Repository.bytes("certificates/truncated.der")).form == .certificate)
        #expect(classifier.classify(try Repository.bytes("trusted-lists/tl-v5-minimal.xml")).form == .trustedList)
        #expect(classifier.classify(try Repository.bytes("trusted-lists/not-a-tl.xml")).form == .unknown)
        #expect(classifier.classify(try Repository.bytes("certificates/random.bin")).form == .unknown)
        #expect(classifier.classify([]).reason == "the item is empty (0 bytes)")
    }

    @Test func rejectionResponseWithoutTokenIsAResponse() {
        // TimeStampResp { PKIStatusInfo { status rejection(2) } }
        #expect(classifier.classify([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]).form == .timestampResponse)
    }

    @Test func sharedRealVectorsAreClassified() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        for url in Repository.files(under: shared.appendingPathComponent("timestamps/tokens"), extensions: ["tst"]) {
            #expect(
                classifier.classify([UInt8](try Data(contentsOf: url))).form == .timestampToken,
                "\(url.lastPathComponent)")
        }
        for url in Repository.files(under: shared.appendingPathComponent("timestamps/responses"), extensions: ["tsr"]) {
            let form = classifier.classify([UInt8](try Data(contentsOf: url))).form
            if url.lastPathComponent.contains("truncated") { continue }
            #expect(form == .timestampResponse, "\(url.lastPathComponent)")
        }
        for url in Repository.files(
            under: shared.appendingPathComponent("trusted-lists/tl/eu-lotl"), extensions: ["xml"])
        {
            #expect(
                classifier.classify([UInt8](try Data(contentsOf: url))).form == .trustedList, "\(url.lastPathComponent)"
            )
        }
        let realCertificates = Repository.files(under: shared.appendingPathComponent("certs/tl"), extensions: ["der"])
        #expect(realCertificates.count > 100)
        for url in realCertificates {
            #expect(
                classifier.classify([UInt8](try Data(contentsOf: url))).form == .certificate, "\(url.lastPathComponent)"
            )
        }
    }
}
