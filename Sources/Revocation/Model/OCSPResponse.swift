import Certificates
import DERWalk

/// The CertID of an OCSP request or response (RFC 6960 §4.1.1), as slices of the item.
public struct CertID: Sendable, Hashable {
    /// The hash algorithm's OID content octets.
    public var hashAlgorithm: ArraySlice<UInt8>
    public var issuerNameHash: ArraySlice<UInt8>
    public var issuerKeyHash: ArraySlice<UInt8>
    public var serialNumber: ArraySlice<UInt8>
    public var element: TLV

    init?(_ element: TLV, _ reader: TLVReader) {
        let fields = reader.children(of: element)
        guard element.tag == 0x30, fields.count == 4, fields[0].tag == 0x30, fields[1].tag == 0x04,
            fields[2].tag == 0x04,
            fields[3].tag == 0x02, let oid = reader.element(at: fields[0].contentStart, limit: fields[0].end),
            oid.tag == 0x06
        else { return nil }
        hashAlgorithm = reader.content(oid)
        issuerNameHash = reader.content(fields[1])
        issuerKeyHash = reader.content(fields[2])
        serialNumber = reader.content(fields[3])
        self.element = element
    }

    /// Same certificate: equal hash algorithm, hashes and serial (the encodings may differ in
    /// the algorithm's NULL parameters, which are not compared).
    public func matches(_ other: CertID) -> Bool {
        hashAlgorithm.elementsEqual(other.hashAlgorithm) && issuerNameHash.elementsEqual(other.issuerNameHash)
            && issuerKeyHash.elementsEqual(other.issuerKeyHash) && serialNumber.elementsEqual(other.serialNumber)
    }
}

/// One SingleResponse (RFC 6960 §4.2.1).
public struct SingleResponse: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case good
        case revoked(time: CertificateTime, reason: Int?)
        case unknown
        /// A tag CertStatus does not define.
        case undefined(UInt8)
    }

    public var certID: CertID
    public var status: Status
    public var thisUpdate: CertificateTime
    public var nextUpdate: CertificateTime?
    public var element: TLV
}

/// A BasicOCSPResponse (RFC 6960 §4.2.1) with offsets into the item's bytes.
public struct BasicOCSPResponse: Sendable {
    public enum ResponderID: Sendable, Hashable {
        /// The encoded Name.
        case name(ArraySlice<UInt8>)
        /// SHA-1 of the responder's subjectPublicKey BIT STRING value.
        case key(ArraySlice<UInt8>)
    }

    public let reader: TLVReader
    public let tbsResponseData: TLV
    /// The encoded version value, when present (v1 = 0 is the DEFAULT and is not encoded in DER).
    public let version: Int?
    public let responderID: ResponderID
    public let producedAt: CertificateTime
    public let responses: [SingleResponse]
    public let extensions: [RevocationExtension]
    public let signatureAlgorithm: TLV
    public let signatureValue: ArraySlice<UInt8>
    /// The certificates of `certs`, each its exact DER.
    public let certificates: [[UInt8]]

    init(_ basic: TLV, _ reader: TLVReader) throws(RevocationError) {
        self.reader = reader
        let parts = reader.children(of: basic)
        guard basic.tag == 0x30, parts.count == 3 || parts.count == 4, parts[0].tag == 0x30, parts[1].tag == 0x30,
            parts[2].tag == 0x03,
            parts.last!.end == basic.end, !parts[2].isEmpty
        else {
            throw RevocationError(
                "BasicOCSPResponse is not { tbsResponseData, signatureAlgorithm, signature [, certs] }",
                at: "byte \(basic.start)")
        }
        tbsResponseData = parts[0]
        signatureAlgorithm = parts[1]
        signatureValue = reader.bytes[(parts[2].contentStart + 1)..<parts[2].end]
        var certificates: [[UInt8]] = []
        if parts.count == 4 {
            guard parts[3].tag == 0xA0, let list = reader.element(at: parts[3].contentStart, limit: parts[3].end),
                list.tag == 0x30
            else {
                throw RevocationError("certs is not [0] EXPLICIT SEQUENCE OF Certificate", at: "byte \(parts[3].start)")
            }
            certificates = reader.children(of: list).map { Array(reader.encoded($0)) }
        }
        self.certificates = certificates
        var fields = reader.children(of: tbsResponseData)[...]
        guard fields.last?.end == tbsResponseData.end else {
            throw RevocationError("ResponseData has an unreadable element", at: "tbsResponseData")
        }
        if fields.first?.tag == 0xA0 {
            let wrapper = fields.removeFirst()
            version = reader.element(at: wrapper.contentStart, limit: wrapper.end).flatMap(reader.smallInteger) ?? -1
        } else {
            version = nil
        }
        guard let id = fields.popFirst(), let inner = reader.element(at: id.contentStart, limit: id.end) else {
            throw RevocationError("ResponseData has no responderID", at: "tbsResponseData")
        }
        switch id.tag {
        case 0xA1 where inner.tag == 0x30: responderID = .name(reader.encoded(inner))
        case 0xA2 where inner.tag == 0x04: responderID = .key(reader.content(inner))
        default: throw RevocationError("responderID is neither byName [1] nor byKey [2]", at: "byte \(id.start)")
        }
        guard let produced = fields.popFirst(), produced.tag == 0x18 else {
            throw RevocationError("producedAt is not a GeneralizedTime", at: "tbsResponseData")
        }
        producedAt = CertificateTime(tag: produced.tag, content: reader.content(produced), offset: produced.start)
        guard let list = fields.popFirst(), list.tag == 0x30 else {
            throw RevocationError("ResponseData has no responses", at: "tbsResponseData")
        }
        var responses: [SingleResponse] = []
        for element in reader.children(of: list) {
            responses.append(try Self.single(element, reader))
        }
        self.responses = responses
        if let wrapper = fields.popFirst() {
            guard wrapper.tag == 0xA1, let list = reader.element(at: wrapper.contentStart, limit: wrapper.end) else {
                throw RevocationError("responseExtensions is not [1] EXPLICIT Extensions", at: "byte \(wrapper.start)")
            }
            switch RevocationExtension.list(list, in: reader) {
            case .success(let list): extensions = list
            case .failure(let error): throw error
            }
        } else {
            extensions = []
        }
        guard fields.isEmpty else {
            throw RevocationError("ResponseData has an unexpected element", at: "byte \(fields.first!.start)")
        }
    }

    static func single(_ element: TLV, _ reader: TLVReader) throws(RevocationError) -> SingleResponse {
        var fields = reader.children(of: element)[...]
        guard element.tag == 0x30, let idElement = fields.popFirst(), let certID = CertID(idElement, reader) else {
            throw RevocationError("a SingleResponse has no readable CertID", at: "byte \(element.start)")
        }
        guard let statusElement = fields.popFirst() else {
            throw RevocationError("a SingleResponse has no certStatus", at: "byte \(element.start)")
        }
        let status: SingleResponse.Status
        switch statusElement.tag {
        case 0x80: status = .good
        case 0x82: status = .unknown
        case 0xA1:
            let parts = reader.children(of: statusElement)
            guard let time = parts.first, time.tag == 0x18 else {
                throw RevocationError(
                    "revoked has no revocationTime GeneralizedTime", at: "byte \(statusElement.start)")
            }
            let reason = parts.dropFirst().first.flatMap { wrapper in
                wrapper.tag == 0xA0
                    ? reader.element(at: wrapper.contentStart, limit: wrapper.end).flatMap(reader.smallInteger) : nil
            }
            status = .revoked(
                time: CertificateTime(tag: time.tag, content: reader.content(time), offset: time.start), reason: reason)
        default: status = .undefined(statusElement.tag)
        }
        guard let this = fields.popFirst(), this.tag == 0x18 else {
            throw RevocationError("a SingleResponse has no thisUpdate GeneralizedTime", at: "byte \(element.start)")
        }
        var next: CertificateTime?
        if let wrapper = fields.first, wrapper.tag == 0xA0 {
            fields.removeFirst()
            guard let time = reader.element(at: wrapper.contentStart, limit: wrapper.end), time.tag == 0x18 else {
                throw RevocationError("nextUpdate is not [0] EXPLICIT GeneralizedTime", at: "byte \(wrapper.start)")
            }
            next = CertificateTime(tag: time.tag, content: reader.content(time), offset: time.start)
        }
        return SingleResponse(
            certID: certID, status: status,
            thisUpdate: CertificateTime(tag: this.tag, content: reader.content(this), offset: this.start),
            nextUpdate: next, element: element)
    }

    /// The response extension whose extnID is `oid`.
    public func `extension`(_ oid: [UInt8]) -> RevocationExtension? {
        extensions.first { $0.identifier.elementsEqual(oid) }
    }
}

/// The outer OCSPResponse (RFC 6960 §4.2.1).
public struct OCSPResponse: Sendable {
    /// OCSPResponseStatus names (RFC 6960 §4.2.1; 4 is not used).
    public static let statusNames = [
        0: "successful", 1: "malformedRequest", 2: "internalError", 3: "tryLater", 5: "sigRequired", 6: "unauthorized",
    ]

    public let status: Int?
    public let statusElement: TLV
    /// responseType content octets and the response OCTET STRING, when responseBytes is present.
    public let responseType: ArraySlice<UInt8>?
    public let response: TLV?

    init(_ bytes: [UInt8], _ reader: TLVReader) throws(RevocationError) {
        guard let outer = reader.element(at: 0, limit: bytes.count), outer.tag == 0x30 else {
            throw RevocationError("not a readable DER SEQUENCE", at: "byte 0")
        }
        let parts = reader.children(of: outer)
        guard let first = parts.first, first.tag == 0x0A, parts.last!.end == outer.end, parts.count <= 2 else {
            throw RevocationError("OCSPResponse is not { responseStatus, [0] responseBytes }", at: "OCSPResponse")
        }
        statusElement = first
        status = reader.smallInteger(first)
        guard parts.count == 2 else {
            responseType = nil
            response = nil
            return
        }
        guard parts[1].tag == 0xA0, let sequence = reader.element(at: parts[1].contentStart, limit: parts[1].end),
            sequence.tag == 0x30
        else {
            throw RevocationError("responseBytes is not [0] EXPLICIT SEQUENCE", at: "byte \(parts[1].start)")
        }
        let fields = reader.children(of: sequence)
        guard fields.count == 2, fields[0].tag == 0x06, fields[1].tag == 0x04 else {
            throw RevocationError("ResponseBytes is not { responseType, response }", at: "byte \(sequence.start)")
        }
        responseType = reader.content(fields[0])
        response = fields[1]
    }
}
