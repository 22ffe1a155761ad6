import Certificates
import SwiftASN1

/// A time-stamp item as the rules see it: a TimeStampToken (CMS ContentInfo) or a
/// TimeStampResp, the DER scan of its bytes and of the TSTInfo it carries.
public struct InspectedTimestamp: Sendable {
    /// Which RFC 3161 structure the item is.
    public enum Form: String, Sendable {
        case token, response
    }

    public static let signedDataOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    public static let tstInfoOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]

    public let bytes: [UInt8]
    public let form: Form
    public let derScan: DERScan
    /// The eContent octets (the DER TSTInfo), when they could be located.
    public let tstInfo: Result<ArraySlice<UInt8>, TimestampError>
    /// The DER scan of the TSTInfo, with item offsets.
    public let tstInfoScan: DERScan?

    public init(bytes: [UInt8], form: Form) {
        self.bytes = bytes
        self.form = form
        derScan = DERScanner.scan(bytes)
        tstInfo = Self.locateTSTInfo(bytes[0..<(derScan.valueLength ?? bytes.count)], form: form)
        if case .success(let content) = tstInfo {
            tstInfoScan = DERScanner.scan(content, offset: content.startIndex)
        } else {
            tstInfoScan = nil
        }
    }

    private static func locateTSTInfo(_ value: ArraySlice<UInt8>, form: Form) -> Result<ArraySlice<UInt8>, TimestampError> {
        func fail(_ reason: String, _ at: String) -> Result<ArraySlice<UInt8>, TimestampError> {
            .failure(.unexpectedStructure(reason, at: at))
        }
        guard let root = try? BER.parse(value) else { return fail("not a BER/DER value", "item") }
        var contentInfo = root
        if form == .response {
            guard case .constructed(let parts) = root.content, let token = Array(parts).dropFirst().first else {
                return fail("the response carries no timeStampToken", "TimeStampResp")
            }
            contentInfo = token
        }
        guard case .constructed(let ci) = contentInfo.content, let ciParts = Optional(Array(ci)), ciParts.count == 2,
            (try? ASN1ObjectIdentifier(berEncoded: ciParts[0])) == signedDataOID,
            case .constructed(let explicit) = ciParts[1].content, let signedData = Array(explicit).first,
            case .constructed(let sd) = signedData.content, let sdParts = Optional(Array(sd)), sdParts.count >= 4,
            case .constructed(let eci) = sdParts[2].content, let eciParts = Optional(Array(eci)), eciParts.count == 2
        else { return fail("not a CMS SignedData ContentInfo", "timeStampToken") }
        guard (try? ASN1ObjectIdentifier(berEncoded: eciParts[0])) == tstInfoOID else {
            return fail("eContentType is not id-ct-TSTInfo", "encapContentInfo.eContentType")
        }
        guard case .constructed(let wrapper) = eciParts[1].content, let octets = Array(wrapper).first,
            case .primitive(let content) = octets.content
        else { return fail("eContent is not an OCTET STRING", "encapContentInfo.eContent") }
        return .success(content)
    }
}
