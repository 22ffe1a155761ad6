import SwiftASN1

extension ASN1Node {
    /// The children of a constructed node with the expected tag.
    func children(expecting identifier: ASN1Identifier, at location: @autoclosure () -> String) throws(CertificateError)
        -> [ASN1Node]
    {
        guard self.identifier == identifier, case .constructed(let nodes) = content else {
            throw .unexpectedStructure("expected \(identifier), found \(self.identifier)", at: location())
        }
        return Array(nodes)
    }

    /// The contents of a primitive node with the expected tag.
    func primitive(expecting identifier: ASN1Identifier, at location: @autoclosure () -> String)
        throws(CertificateError)
        -> ArraySlice<UInt8>
    {
        guard self.identifier == identifier, case .primitive(let bytes) = content else {
            throw .unexpectedStructure("expected primitive \(identifier), found \(self.identifier)", at: location())
        }
        return bytes
    }

    func objectIdentifier(at location: @autoclosure () -> String) throws(CertificateError) -> ASN1ObjectIdentifier {
        do {
            return try ASN1ObjectIdentifier(derEncoded: self)
        } catch {
            throw .unexpectedStructure("not an OBJECT IDENTIFIER (\(error))", at: location())
        }
    }

    /// The offset of this node within the item.
    var offset: Int { encodedBytes.startIndex }
}
