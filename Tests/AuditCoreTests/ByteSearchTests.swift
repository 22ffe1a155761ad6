import AuditCore
import Testing

@Suite struct ByteSearchTests {
    private func offset(_ needle: String, _ haystack: String) -> Int? {
        Array(haystack.utf8).withUnsafeBytes { ByteSearch.firstOffset(of: Array(needle.utf8), in: $0) }
    }

    @Test func findsTheFirstOccurrenceAfterPartialMatches() {
        #expect(offset("-----BEGIN ", "MIIB----BEGIN-----BEGIN CERT") == 13)
        #expect(offset("abc", "abc") == 0)
        #expect(offset("c", "abc") == 2)
        #expect(offset("", "abc") == 0)
    }

    @Test func missesWhatIsNotThereOrRunsPastTheEnd() {
        #expect(offset("abcd", "abc") == nil)
        #expect(offset("bcd", "abcbc") == nil)
        #expect(offset("x", "") == nil)
        #expect(!ByteSearch.contains(Array("entries".utf8), in: Array("{\"entrie\": []}".utf8)))
        #expect(ByteSearch.contains(Array("time-stamp".utf8), in: Array("acme time-stamp unit".utf8)[2...]))
    }
}
