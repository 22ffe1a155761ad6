import AuditCore

/// Tells certificate, time-stamp token or response, trusted list or unknown from the bytes
/// alone (never from a file name), looking only at the first few headers so it stays cheap and
/// works on truncated items.
public struct ArtefactClassifier: Sendable {
    public init() {}

    private static let signedDataOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
    private static let tstInfoOID: [UInt8] = [
        0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x04,
    ]
    private static let trustedListRoot = Array("TrustServiceStatusList".utf8)
    /// How far into an XML document the root element is looked for.
    private static let xmlProbeLength = 64 * 1024

    public func classify(_ bytes: [UInt8]) -> Classification {
        guard !bytes.isEmpty else { return Classification(form: .unknown, reason: "the item is empty (0 bytes)") }
        if let start = xmlStart(bytes) { return classifyXML(bytes, from: start) }
        if bytes[0] == 0x30 { return classifyDER(bytes) }
        return Classification(
            form: .unknown,
            reason: "the item starts with byte 0x\(hexByte(bytes[0])); neither a DER SEQUENCE nor XML")
    }

    /// Whether the item looks like an XML document: `<` after an optional UTF-8 BOM and whitespace.
    public func looksLikeXML(_ bytes: [UInt8]) -> Bool { xmlStart(bytes) != nil }

    /// The offset of the first `<` if the item looks like XML (after a UTF-8 BOM and whitespace).
    private func xmlStart(_ bytes: [UInt8]) -> Int? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == 0x3C ? index : nil
    }

    private func classifyXML(_ bytes: [UInt8], from start: Int) -> Classification {
        let probe = bytes[start..<min(bytes.count, start + Self.xmlProbeLength)]
        if let root = firstElementName(probe),
            root.split(separator: ":").last.map(String.init) == "TrustServiceStatusList"
        {
            return Classification(form: .trustedList, reason: "XML document with root element \(root)")
        }
        if probe.firstRange(of: Self.trustedListRoot) != nil {
            return Classification(
                form: .trustedList, reason: "XML document naming TrustServiceStatusList before its root element")
        }
        let root = firstElementName(probe).map { "<\($0)>" } ?? "no readable root element"
        return Classification(form: .unknown, reason: "XML document with \(root), not a TS 119 612 trusted list")
    }

    /// The name of the first element start tag, skipping the prolog (declaration, comments, PIs).
    private func firstElementName(_ bytes: ArraySlice<UInt8>) -> String? {
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: 0x3C) {
            let next = open + 1
            guard next < bytes.endIndex else { return nil }
            let c = bytes[next]
            if c == 0x3F || c == 0x21 { // <? … ?> or <! … > (comments, DOCTYPE)
                index = next
                continue
            }
            var end = next
            while end < bytes.endIndex, ![0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(bytes[end]) { end += 1 }
            return end > next ? String(decoding: bytes[next..<end], as: UTF8.self) : nil
        }
        return nil
    }

    private func classifyDER(_ bytes: [UInt8]) -> Classification {
        let reader = LenientTLVReader(bytes: bytes)
        guard let outer = reader.header(at: 0), let first = reader.header(at: outer.contentStart) else {
            return Classification(form: .unknown, reason: "a 0x30 byte followed by no readable DER header")
        }
        // TimeStampToken: ContentInfo { contentType id-signedData, [0] SignedData { … TSTInfo … } }.
        if bytes[outer.contentStart...].starts(with: Self.signedDataOID) {
            // id-ct-TSTInfo as eContentType (first bytes) or, in a token whose eContentType is
            // wrong, as the signed contentType attribute: either way the item is a time-stamp.
            let probe = bytes[outer.contentStart..<min(bytes.count, outer.contentStart + Self.xmlProbeLength)]
            if probe.firstRange(of: Self.tstInfoOID) != nil {
                return Classification(form: .timestampToken, reason: "CMS SignedData ContentInfo naming id-ct-TSTInfo")
            }
            return Classification(form: .unknown, reason: "CMS SignedData that does not carry a TSTInfo")
        }
        // OCSPResponse: SEQUENCE { responseStatus ENUMERATED, [0] responseBytes }; nothing else
        // this tool reads starts with an ENUMERATED.
        if first.tag == 0x0A {
            return Classification(
                form: .ocspResponse,
                reason: "DER SEQUENCE starting with an ENUMERATED responseStatus (RFC 6960 OCSPResponse)")
        }
        // A TBSCertificate before signing: the version [0] EXPLICIT INTEGER opens the outer
        // SEQUENCE itself (in a Certificate it opens the first inner SEQUENCE).
        if first.tag == 0xA0, let version = reader.header(at: first.contentStart), version.tag == 0x02 {
            return Classification(
                form: .tbsCertificate, reason: "DER SEQUENCE starting with version [0]: a TBSCertificate before signing"
            )
        }
        guard first.tag == 0x30, let inner = reader.header(at: first.contentStart) else {
            return Classification(
                form: .unknown,
                reason: "DER SEQUENCE whose first element (tag 0x\(hexByte(first.tag))) fits no supported artefact")
        }
        if inner.tag == 0xA0 {
            return Classification(
                form: .certificate, reason: "DER SEQUENCE whose TBSCertificate starts with version [0]")
        }
        if isCertificateList(reader, first, inner) {
            return Classification(
                form: .crl, reason: "DER SEQUENCE whose first element is a TBSCertList (signature, issuer, then a time)"
            )
        }
        guard inner.tag == 0x02, let afterInteger = inner.end, let firstEnd = first.end else {
            return Classification(
                form: .unknown,
                reason: "DER SEQUENCE of SEQUENCE that is neither a certificate nor a time-stamp response")
        }
        // Both a v1 TBSCertificate and a PKIStatusInfo start with an INTEGER. A TimeStampResp has
        // the token (ContentInfo, id-signedData first) after the PKIStatusInfo, or nothing.
        if let token = reader.header(at: firstEnd), token.tag == 0x30,
            bytes[token.contentStart...].starts(with: Self.signedDataOID)
        {
            return Classification(
                form: .timestampResponse, reason: "TimeStampResp: PKIStatusInfo followed by a CMS SignedData token")
        }
        if firstEnd == outer.end {
            return Classification(
                form: .timestampResponse, reason: "TimeStampResp holding only a PKIStatusInfo (no token)")
        }
        // In a v1 TBSCertificate an AlgorithmIdentifier (OID first) follows the serial number.
        if afterInteger < firstEnd, let second = reader.header(at: afterInteger), second.tag == 0x30,
            let algorithm = reader.header(at: second.contentStart), algorithm.tag == 0x06
        {
            return Classification(
                form: .certificate, reason: "DER SEQUENCE whose TBSCertificate starts with serialNumber (v1 layout)")
        }
        return Classification(
            form: .unknown, reason: "DER SEQUENCE of SEQUENCE that is neither a certificate nor a time-stamp response")
    }
}

extension ArtefactClassifier {
    /// A TBSCertList is [version INTEGER,] AlgorithmIdentifier, Name, then thisUpdate (a time);
    /// a v1 TBSCertificate has a Validity SEQUENCE where the CRL has its time.
    fileprivate func isCertificateList(
        _ reader: LenientTLVReader, _ tbs: LenientTLVReader.Header, _ first: LenientTLVReader.Header
    ) -> Bool {
        var field = first
        if field.tag == 0x02 {
            guard let end = field.end, let next = reader.header(at: end) else { return false }
            field = next
        }
        guard field.tag == 0x30, let algorithmEnd = field.end, let name = reader.header(at: algorithmEnd),
            name.tag == 0x30,
            let nameEnd = name.end, let time = reader.header(at: nameEnd)
        else { return false }
        return time.tag == 0x17 || time.tag == 0x18
    }
}

/// Reads TLV headers without judging them (the DER rules do that), tolerating truncation.
private struct LenientTLVReader {
    let bytes: [UInt8]

    struct Header {
        var tag: UInt8
        var contentStart: Int
        /// Index after the value, nil for the indefinite form.
        var end: Int?
    }

    func header(at start: Int) -> Header? {
        guard start + 1 < bytes.count else { return nil }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { return nil }
        let first = bytes[start + 1]
        if first == 0x80 { return Header(tag: tag, contentStart: start + 2, end: nil) }
        if first < 0x80 { return Header(tag: tag, contentStart: start + 2, end: start + 2 + Int(first)) }
        let count = Int(first & 0x7F)
        guard count <= 4, start + 2 + count <= bytes.count else { return nil }
        var length = 0
        for byte in bytes[(start + 2)..<(start + 2 + count)] { length = length << 8 | Int(byte) }
        return Header(tag: tag, contentStart: start + 2 + count, end: start + 2 + count + length)
    }
}

func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
