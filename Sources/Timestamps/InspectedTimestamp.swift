import Certificates
import SwiftASN1

/// A time-stamp item as the rules see it: a TimeStampToken (CMS ContentInfo) or a
/// TimeStampResp, the DER scan of its bytes and of its TSTInfo, the decoded token, the TSU
/// certificate that signed it, and the auditor's inputs.
public struct InspectedTimestamp: Sendable {
    /// Which RFC 3161 structure the item is.
    public enum Form: String, Sendable {
        case token, response
    }

    /// How the signing TSU certificate was found.
    public struct Signer: Sendable {
        public var certificate: InspectedCertificate
        /// `token` or `supplied` (`--tsu`).
        public var origin: String
    }

    public let bytes: [UInt8]
    public let form: Form
    public let derScan: DERScan
    /// The eContent octets (the DER TSTInfo), when they could be located.
    public let tstInfo: Result<ArraySlice<UInt8>, TimestampError>
    /// The DER scan of the TSTInfo, with item offsets.
    public let tstInfoScan: DERScan?
    /// The PKIStatusInfo of a response.
    public let status: TimeStampResponseStatus?
    /// The decoded token; nil for a response without one.
    public let token: Result<TimeStampToken, TimestampError>?
    /// The TSU certificate matching the signer's sid, from the token or the supplied ones.
    public let signer: Signer?
    public let inputs: TimestampInputs

    public init(bytes: [UInt8], form: Form, inputs: TimestampInputs = TimestampInputs()) {
        self.bytes = bytes
        self.form = form
        self.inputs = inputs
        derScan = DERScanner.scan(bytes)
        let value = bytes[0..<(derScan.valueLength ?? bytes.count)]
        var tokenNode: ASN1Node?
        var status: TimeStampResponseStatus?
        if let root = try? BER.parse(value) {
            if form == .response {
                status = TimeStampResponseStatus(node: root)
                tokenNode = LenientASN1.children(root).dropFirst().first
            } else {
                tokenNode = root
            }
        }
        self.status = status
        if let tokenNode {
            do throws(TimestampError) { token = .success(try TimeStampToken(contentInfo: tokenNode)) } catch {
                token = .failure(error)
            }
        } else if form == .response && status != nil {
            token = nil
        } else {
            token = .failure(.unexpectedStructure("not a BER/DER value", at: "item"))
        }
        switch token {
        case .success(let decoded)?:
            tstInfo = .success(decoded.eContent)
            tstInfoScan = DERScanner.scan(decoded.eContent, offset: decoded.eContent.startIndex)
            signer = Self.findSigner(decoded, inputs)
        case .failure(let error)?:
            tstInfo = .failure(error)
            tstInfoScan = nil
            signer = nil
        case nil:
            tstInfo = .failure(.unexpectedStructure("the response carries no timeStampToken", at: "TimeStampResp"))
            tstInfoScan = nil
            signer = nil
        }
    }

    /// The certificate whose issuer and serial (or key identifier) equal the signer's sid.
    static func findSigner(_ token: TimeStampToken, _ inputs: TimestampInputs) -> Signer? {
        guard let info = token.signerInfos.first else { return nil }
        for (origin, list) in [("token", token.certificates), ("supplied", inputs.tsuCertificates)] {
            for der in list {
                let inspected = InspectedCertificate(bytes: der)
                guard let certificate = inspected.certificate else { continue }
                if let issuer = info.issuer, let serial = info.serialNumber,
                    certificate.tbs.issuer.encoded.elementsEqual(issuer),
                    certificate.tbs.serialNumber.elementsEqual(serial)
                {
                    return Signer(certificate: inspected, origin: origin)
                }
                if let ski = info.subjectKeyIdentifier, certificate.keyIdentifier.map({ $0.elementsEqual(ski) }) == true
                {
                    return Signer(certificate: inspected, origin: origin)
                }
            }
        }
        return nil
    }

    /// The decoded TSTInfo, when the token and its content could be read.
    public var info: TSTInfo? {
        guard case .success(let decoded)? = token, case .success(let info) = decoded.tstInfo else { return nil }
        return info
    }

    /// The decoded token, when there is one.
    public var decodedToken: TimeStampToken? {
        guard case .success(let decoded)? = token else { return nil }
        return decoded
    }
}
