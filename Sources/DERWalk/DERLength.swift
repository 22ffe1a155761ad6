/// The length octets of a DER element (X.690 §8.1.3, §10.1): the short form below 128, else
/// the long form in as few octets as the length needs. Any size is accepted, so an encoder fed
/// with input of any length never traps on a fixed-width form.
public enum DERLength {
    public static func octets(_ length: Int) -> [UInt8] {
        guard length >= 0x80 else { return [UInt8(length)] }
        var octets: [UInt8] = []
        var rest = length
        while rest > 0 {
            octets.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }
}
