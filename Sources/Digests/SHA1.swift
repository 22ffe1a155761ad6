internal import COpenSSL

/// SHA-1, only where a standard defines an identifier with it (RFC 5280 §4.2.1.2 key
/// identifiers); never for signatures.
public enum SHA1 {
    public static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                _ = COpenSSL.SHA1(input.baseAddress, input.count, out.baseAddress)
            }
        }
        return output
    }
}
