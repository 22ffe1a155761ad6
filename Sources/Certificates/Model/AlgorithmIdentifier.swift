import SwiftASN1

/// An AlgorithmIdentifier kept as an OID plus raw parameters, so unknown algorithms (brainpool,
/// RSASSA-PSS, post-quantum) are values, not decoding failures.
public struct AlgorithmIdentifier: Sendable, Hashable, CustomStringConvertible {
    public var algorithm: ASN1ObjectIdentifier
    /// The parameters' exact encoding (tag, length, contents), nil when absent.
    public var parameters: ArraySlice<UInt8>?
    /// The whole AlgorithmIdentifier as it appeared in the certificate.
    public var encoded: ArraySlice<UInt8>

    public var description: String {
        guard let parameters else { return algorithm.dotted + " (no parameters)" }
        if parameters.count == 2, parameters.first == 0x05, parameters.last == 0x00 {
            return algorithm.dotted + " (parameters NULL)"
        }
        return algorithm.dotted + " (parameters \(parameters.count) bytes)"
    }

    init(node: ASN1Node, location: @autoclosure () -> String) throws(CertificateError) {
        let children = try node.children(expecting: .sequence, at: location())
        guard (1...2).contains(children.count) else {
            throw .unexpectedStructure("AlgorithmIdentifier has \(children.count) elements", at: location())
        }
        algorithm = try children[0].objectIdentifier(at: "\(location()).algorithm")
        parameters = children.count == 2 ? children[1].encodedBytes : nil
        encoded = node.encodedBytes
    }
}
