import AuditCore
import Foundation
import TestSupport
import Testing
import Timestamps

@Suite struct TimestampRulesTests {
    static let context = EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200))

    static func failed(_ bytes: [UInt8], form: InspectedTimestamp.Form) -> [Finding] {
        let item = InspectedTimestamp(bytes: bytes, form: form)
        return TimestampRules.all.rules.flatMap { $0.evaluate(item, in: context) }.filter { $0.outcome == .fail }
    }

    @Test func tokenAndResponseAreDERWithTheirTSTInfo() throws {
        let token = try Repository.bytes("timestamps/token-ok.tst")
        let item = InspectedTimestamp(bytes: token, form: .token)
        let tstInfo = try item.tstInfo.get()
        #expect(tstInfo.first == 0x30)
        #expect(item.tstInfoScan?.isStrictDER == true)
        #expect(Self.failed(token, form: .token).isEmpty)
        #expect(Self.failed(try Repository.bytes("timestamps/response-ok.tsr"), form: .response).isEmpty)
    }

    @Test func trailingBytesFailTST001AtTheirOffset() throws {
        let failed = Self.failed(try Repository.bytes("timestamps/token-trailing-bytes.tst"), form: .token)
        #expect(failed.map(\.requirement) == ["TST-001"])
        #expect(failed.first?.location == "byte 1697")
    }

    @Test func aCertificateIsNotATimeStampToken() throws {
        let failed = Self.failed(try Repository.bytes("certificates/trailing-byte.der").dropLast(), form: .token)
        #expect(failed.map(\.requirement) == ["TST-001"])
        #expect(failed.first?.message?.contains("cannot be located") == true)
    }

    @Test func sharedTokensDecode() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let tokens = Repository.files(under: shared.appendingPathComponent("timestamps/tokens"), extensions: ["tst"])
        #expect(!tokens.isEmpty)
        for url in tokens {
            let item = InspectedTimestamp(bytes: [UInt8](try Data(contentsOf: url)), form: .token)
            #expect((try? item.tstInfo.get()) != nil, "\(url.lastPathComponent)")
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func dropLast() -> [UInt8] { Array(self[0..<(count - 1)]) }
}
