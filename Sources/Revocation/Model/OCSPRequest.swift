import DERWalk

/// An OCSPRequest (RFC 6960 §4.1.1) given with `--ocsp-request`: the CertIDs asked for and the
/// nonce the response must echo (RFC 8954).
public struct OCSPRequest: Sendable {
    public let bytes: [UInt8]
    public let certIDs: [CertID]
    /// The nonce extension's extnValue content, when the request carries one.
    public let nonce: ArraySlice<UInt8>?

    /// nil when the bytes are not an OCSPRequest.
    public init?(der bytes: [UInt8]) {
        let reader = TLVReader(bytes)
        guard let outer = reader.element(at: 0, limit: bytes.count), outer.tag == 0x30,
            let tbs = reader.children(of: outer).first, tbs.tag == 0x30
        else { return nil }
        var ids: [CertID] = []
        var nonce: ArraySlice<UInt8>?
        for field in reader.children(of: tbs) {
            switch field.tag {
            case 0x30:
                for request in reader.children(of: field) {
                    guard let first = reader.children(of: request).first, let id = CertID(first, reader) else {
                        return nil
                    }
                    ids.append(id)
                }
            case 0xA2:
                guard let list = reader.element(at: field.contentStart, limit: field.end),
                    case .success(let extensions) = RevocationExtension.list(list, in: reader)
                else { return nil }
                nonce = extensions.first { $0.identifier.elementsEqual(RevocationOID.ocspNonce) }.map {
                    reader.content($0.value)
                }
            default: continue
            }
        }
        guard !ids.isEmpty else { return nil }
        self.bytes = bytes
        certIDs = ids
        self.nonce = nonce
    }
}
