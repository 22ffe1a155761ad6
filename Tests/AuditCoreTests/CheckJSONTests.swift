import AuditCore
import Testing

/// The fixed parts of a check object are written out as static strings: they must say what the
/// outcome and grade words say, and a citation's pass object must be the check object a pass
/// with nothing observed is.
@Suite struct CheckJSONTests {
    private func text(_ string: StaticString) -> String {
        String(decoding: UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount), as: UTF8.self)
    }

    @Test func outcomeAndGradeUseTheRawValues() {
        for outcome in Outcome.allCases {
            for grade in Grade.allCases {
                #expect(
                    text(CheckJSON.outcomeAndGrade(outcome, grade))
                        == #","outcome":"\#(outcome.rawValue)","grade":"\#(grade.rawValue)","observed":"#)
            }
        }
    }

    @Test func aPassObjectIsTheCheckObjectOfAPlainPass() {
        let citation = Citation(
            requirement: "CERT-001", standard: "ETSI EN 319 412-2", version: "V2.3.1", clause: "4.2.\"1\"")
        for grade in Grade.allCases {
            let object = citation.withPassObject(grade) { String(decoding: $0, as: UTF8.self) }
            let expected =
                #"{"requirement":"CERT-001","standard":"ETSI EN 319 412-2","version":"V2.3.1","clause":"4.2.\"1\"","#
                + #""outcome":"pass","grade":"\#(grade.rawValue)","observed":null,"expected":null,"location":null,"#
                + #""message":null}"#
            #expect(object == expected)
        }
        #expect(citation.withJSONOpening { Array($0) } == citation.jsonOpening)
    }
}
