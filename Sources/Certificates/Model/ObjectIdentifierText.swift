import SwiftASN1

extension ASN1ObjectIdentifier {
    /// The dotted form ("2.5.29.19"), as `description` writes it. Evidence quotes algorithms,
    /// policies and key purposes of every certificate: the identifiers of
    /// ``KnownObjectIdentifiers`` are looked up instead of decoded and joined each time.
    var dotted: String { KnownObjectIdentifiers.dottedText[self] ?? description }
}
