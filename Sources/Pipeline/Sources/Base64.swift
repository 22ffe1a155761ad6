import Foundation

/// Strict base64 (RFC 4648 §4) of PEM bodies and base64-per-line inputs.
enum Base64 {
    /// Decodes `text`, ignoring whitespace; nil when any other character is not base64 or the
    /// padding is wrong.
    static func decode(_ text: some Sequence<UInt8>) -> [UInt8]? {
        let compact = text.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
        guard !compact.isEmpty, let data = Data(base64Encoded: Data(compact)) else { return nil }
        return [UInt8](data)
    }
}
