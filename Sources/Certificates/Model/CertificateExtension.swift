import SwiftASN1

/// One extension as encoded: OID, criticality and the extnValue octets, which the rules of
/// each extension decode themselves.
public struct CertificateExtension: Sendable, Hashable {
    public var oid: ASN1ObjectIdentifier
    public var critical: Bool
    /// True when `critical FALSE` was encoded although FALSE is the DEFAULT (a DER violation).
    public var encodesDefaultCriticality: Bool
    /// The contents of extnValue (itself a DER value).
    public var value: ArraySlice<UInt8>
    public var encoded: ArraySlice<UInt8>

    init(node: ASN1Node, location: @autoclosure () -> String) throws(CertificateError) {
        let parts = try node.children(expecting: .sequence, at: location())
        guard (2...3).contains(parts.count) else {
            throw .unexpectedStructure("Extension has \(parts.count) elements", at: location())
        }
        oid = try parts[0].objectIdentifier(at: "\(location()).extnID")
        if parts.count == 3 {
            let flag = try parts[1].primitive(expecting: .boolean, at: "\(location()).critical")
            // Any non-zero octet is TRUE (BER); the DER form is the scanner's business.
            critical = flag.contains { $0 != 0 }
            encodesDefaultCriticality = !critical
        } else {
            critical = false
            encodesDefaultCriticality = false
        }
        value = try parts[parts.count - 1].primitive(expecting: .octetString, at: "\(location()).extnValue")
        encoded = node.encodedBytes
    }
}
