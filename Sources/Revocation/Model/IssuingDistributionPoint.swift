import DERWalk

/// The issuingDistributionPoint CRL extension (RFC 5280 §5.2.5): the scope a CRL covers.
public struct IssuingDistributionPoint: Sendable, Hashable {
    /// The extension value is a SEQUENCE (false: unreadable).
    public var readable: Bool
    /// The SEQUENCE has no element at all (forbidden by §5.2.5).
    public var isEmpty: Bool
    public var onlyContainsUserCerts = false
    public var onlyContainsCACerts = false
    public var onlyContainsAttributeCerts = false
    public var indirectCRL = false
    public var hasOnlySomeReasons = false
    /// The encoded distributionPoint [0], the scope's name, when present.
    public var distributionPoint: ArraySlice<UInt8>?

    init(value: TLV, reader: TLVReader) {
        guard let sequence = reader.element(at: value.contentStart, limit: value.end), sequence.tag == 0x30 else {
            readable = false
            isEmpty = false
            return
        }
        readable = true
        isEmpty = sequence.isEmpty
        for field in reader.children(of: sequence) {
            let flag = field.end - field.contentStart == 1 && reader.bytes[field.contentStart] != 0
            switch field.tag {
            case 0xA0: distributionPoint = reader.encoded(field)
            case 0x81: onlyContainsUserCerts = flag
            case 0x82: onlyContainsCACerts = flag
            case 0x83: hasOnlySomeReasons = true
            case 0x84: indirectCRL = flag
            case 0x85: onlyContainsAttributeCerts = flag
            default: break
            }
        }
    }
}
