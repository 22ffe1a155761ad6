import SwiftASN1

/// What the key rules need from SubjectPublicKeyInfo: algorithm, curve, RSA size and exponent.
public struct SubjectPublicKey: Sendable, Hashable, CustomStringConvertible {
    public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 2, 1]

    public var algorithm: ASN1ObjectIdentifier
    /// The named curve of an EC key.
    public var curve: ASN1ObjectIdentifier?
    /// The encoded parameters of the key's AlgorithmIdentifier, nil when absent.
    public var parameters: ArraySlice<UInt8>?
    /// Modulus size in bits of an RSA key.
    public var rsaModulusBits: Int?
    /// The RSA public exponent when it fits 64 bits.
    public var rsaExponent: UInt64?

    public var description: String {
        if let rsaModulusBits { return "RSA \(rsaModulusBits) bits, e=\(rsaExponent.map(String.init) ?? "large")" }
        if let curve { return "EC " + curve.dotted }
        return algorithm.dotted
    }

    init(spki: ArraySlice<UInt8>) throws(CertificateError) {
        let root = try LenientASN1.root(spki, "subjectPublicKeyInfo")
        let parts = LenientASN1.children(root)
        guard parts.count == 2, let algorithmNode = LenientASN1.children(parts[0]).first,
            let algorithm = LenientASN1.oid(algorithmNode), case .primitive(let bits) = parts[1].content
        else { throw .unexpectedStructure("SubjectPublicKeyInfo is malformed", at: "subjectPublicKeyInfo") }
        self.algorithm = algorithm
        let parameterNode = LenientASN1.children(parts[0]).dropFirst().first
        curve = parameterNode.flatMap(LenientASN1.oid)
        parameters = parameterNode?.encodedBytes
        if algorithm == Self.rsaEncryption, let key = try? BER.parse(bits.dropFirst()) {
            let numbers = LenientASN1.children(key)
            if numbers.count == 2, case .primitive(let modulus) = numbers[0].content,
                case .primitive(let exponent) = numbers[1].content
            {
                let significant = modulus.drop { $0 == 0 }
                rsaModulusBits = significant.first.map { significant.count * 8 - $0.leadingZeroBitCount } ?? 0
                let e = exponent.drop { $0 == 0 }
                rsaExponent = e.count <= 8 ? e.reduce(0) { $0 << 8 | UInt64($1) } : nil
            }
        }
    }
}
