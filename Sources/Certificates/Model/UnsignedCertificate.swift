import DERWalk

/// A TBSCertificate sent for checking before it is signed (pre-issuance linting, CA/B Forum
/// TLS Baseline Requirements §4.3.1.2) as the certificate it will become: the TBS bytes
/// unchanged, followed by a copy of its own `signature` AlgorithmIdentifier (RFC 5280 §4.1.1.2
/// requires the two to be equal) and an empty signatureValue. Rules that judge the signature
/// itself say they do not apply.
public enum UnsignedCertificate {
    /// The Certificate wrapping `tbs`, and how many bytes precede the TBS in it (what byte
    /// offsets found in the wrapper are shifted by). Nil when no `signature` field can be found
    /// after version and serialNumber (the bytes are then checked as they are).
    public static func wrap(_ tbs: [UInt8]) -> (certificate: [UInt8], headerLength: Int)? {
        guard let algorithm = signatureField(of: tbs) else { return nil }
        let emptySignature: [UInt8] = [0x03, 0x01, 0x00]
        let contentLength = tbs.count + algorithm.count + emptySignature.count
        let header = [UInt8(0x30)] + DERLength.octets(contentLength)
        return (header + tbs + algorithm + emptySignature, header.count)
    }

    /// The encoding of the third element of the TBS SEQUENCE: version [0], serialNumber, signature.
    static func signatureField(of tbs: [UInt8]) -> ArraySlice<UInt8>? {
        guard tbs.first == 0x30, let outer = element(tbs, at: 0) else { return nil }
        var position = outer.contentStart
        for expectedTag: UInt8 in [0xA0, 0x02] {
            guard position < tbs.count, tbs[position] == expectedTag, let field = element(tbs, at: position) else {
                return nil
            }
            position = field.end
        }
        guard position < tbs.count, tbs[position] == 0x30, let field = element(tbs, at: position),
            field.end <= outer.end
        else {
            return nil
        }
        return tbs[position..<field.end]
    }

    /// The content start and end of the DER element at `offset` (definite lengths only).
    private static func element(_ bytes: [UInt8], at offset: Int) -> (contentStart: Int, end: Int)? {
        guard offset + 1 < bytes.count else { return nil }
        let first = Int(bytes[offset + 1])
        var length = 0
        var contentStart = offset + 2
        if first < 0x80 {
            length = first
        } else {
            let count = first & 0x7F
            guard count >= 1, count <= 4, offset + 2 + count <= bytes.count else { return nil }
            for byte in bytes[(offset + 2)..<(offset + 2 + count)] { length = length << 8 | Int(byte) }
            contentStart += count
        }
        let end = contentStart + length
        return end <= bytes.count ? (contentStart, end) : nil
    }
}
