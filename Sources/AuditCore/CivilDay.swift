/// A calendar day written `YYYY-MM-DD` (proleptic Gregorian, UTC), as catalogue dates are.
public enum CivilDay {
    /// Seconds since 1970-01-01T00:00:00Z at the start of `text`, or nil when it is not a valid
    /// `YYYY-MM-DD` day of the years 1900–9999.
    public static func secondsSince1970(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1900, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return Int64(daysSince1970(year: Int(year), month: Int(month), day: Int(day))) * 86_400
    }

    /// Seconds since 1970 of a day written in the source (a standard's date in a rule), which is
    /// valid by construction; for text read from input use ``secondsSince1970(_:)``.
    public static func literal(_ text: StaticString) -> Int64 {
        guard let seconds = secondsSince1970(text.description) else {
            preconditionFailure("\(text) is not a YYYY-MM-DD day")
        }
        return seconds
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
