/// The fixed parts of a check object in the evidence record, in its key order. The record is
/// written by `EvidenceJSON` (module Pipeline); the parts live here so that a ``Citation`` can
/// carry the whole object of a plain pass, the answer to most requirements of most items.
///
/// Static strings, not arrays: writing one retains nothing.
public enum CheckJSON {
    /// `,"outcome":"…","grade":"…","observed":` (the raw values of ``Outcome`` and ``Grade``).
    public static func outcomeAndGrade(_ outcome: Outcome, _ grade: Grade) -> StaticString {
        switch (outcome, grade) {
        case (.pass, .observation): #","outcome":"pass","grade":"observation","observed":"#
        case (.pass, .minor): #","outcome":"pass","grade":"minor","observed":"#
        case (.pass, .major): #","outcome":"pass","grade":"major","observed":"#
        case (.fail, .observation): #","outcome":"fail","grade":"observation","observed":"#
        case (.fail, .minor): #","outcome":"fail","grade":"minor","observed":"#
        case (.fail, .major): #","outcome":"fail","grade":"major","observed":"#
        case (.notApplicable, .observation): #","outcome":"notApplicable","grade":"observation","observed":"#
        case (.notApplicable, .minor): #","outcome":"notApplicable","grade":"minor","observed":"#
        case (.notApplicable, .major): #","outcome":"notApplicable","grade":"major","observed":"#
        case (.notChecked, .observation): #","outcome":"notChecked","grade":"observation","observed":"#
        case (.notChecked, .minor): #","outcome":"notChecked","grade":"minor","observed":"#
        case (.notChecked, .major): #","outcome":"notChecked","grade":"major","observed":"#
        case (.error, .observation): #","outcome":"error","grade":"observation","observed":"#
        case (.error, .minor): #","outcome":"error","grade":"minor","observed":"#
        case (.error, .major): #","outcome":"error","grade":"major","observed":"#
        }
    }

    /// The rest of a check whose observed, expected, location and message are all absent.
    public static var nullTail: StaticString { #"null,"expected":null,"location":null,"message":null}"# }
    public static var expected: StaticString { #","expected":"# }
    public static var location: StaticString { #","location":"# }
    public static var message: StaticString { #","message":"# }
    public static var end: StaticString { "}" }
}

extension StaticString {
    /// The UTF-8 bytes, as an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)) }
}
