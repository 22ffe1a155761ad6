import Certificates
import Testing

@Suite struct CertificateTimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(1_780_272_000), "2026-06-01T00:00:00Z"),
        (Int64(951_825_599), "2000-02-29T11:59:59Z"),
        (Int64(253_402_300_799), "9999-12-31T23:59:59Z"),
        (Int64(253_402_300_800), "10000-01-01T00:00:00Z"),
        (Int64(-30_610_224_001), "999-12-31T23:59:59Z"),
        (Int64(-1), "1969-12-31T23:59:59Z"),
    ])
    func iso8601WritesEveryYearAsBefore(seconds: Int64, expected: String) {
        #expect(CertificateTime.iso8601(secondsSince1970: seconds) == expected)
    }
}
