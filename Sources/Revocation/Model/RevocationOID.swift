/// Content octets of the object identifiers the revocation rules compare without decoding.
public enum RevocationOID {
    public static let authorityKeyIdentifier = ObjectIdentifierText.content("2.5.29.35")
    public static let crlNumber = ObjectIdentifierText.content("2.5.29.20")
    public static let reasonCode = ObjectIdentifierText.content("2.5.29.21")
    public static let invalidityDate = ObjectIdentifierText.content("2.5.29.24")
    public static let deltaCRLIndicator = ObjectIdentifierText.content("2.5.29.27")
    public static let issuingDistributionPoint = ObjectIdentifierText.content("2.5.29.28")
    public static let certificateIssuer = ObjectIdentifierText.content("2.5.29.29")
    public static let freshestCRL = ObjectIdentifierText.content("2.5.29.46")
    public static let authorityInfoAccess = ObjectIdentifierText.content("1.3.6.1.5.5.7.1.1")
    /// X.509 (10/2019) 9.6.2.x expiredCertsOnCRL, which EN 319 411-2 status services may carry.
    public static let expiredCertsOnCRL = ObjectIdentifierText.content("2.5.29.60")
    public static let ocspBasic = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.1")
    public static let ocspNonce = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.2")
    public static let ocspCRLReference = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.3")
    public static let ocspArchiveCutoff = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.6")
    public static let ocspExtendedRevoke = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.9")
    public static let ocspNoCheck = ObjectIdentifierText.content("1.3.6.1.5.5.7.48.1.5")
    public static let ocspSigning = ObjectIdentifierText.content("1.3.6.1.5.5.7.3.9")
    public static let extendedKeyUsage = ObjectIdentifierText.content("2.5.29.37")
    public static let sha1 = ObjectIdentifierText.content("1.3.14.3.2.26")

    /// The CRL extensions RFC 5280 §5.2 defines (a conforming issuer may mark only these critical
    /// when a relying party must understand them).
    public static let knownCRLExtensions: [[UInt8]] = [
        authorityKeyIdentifier, ObjectIdentifierText.content("2.5.29.18"), crlNumber, deltaCRLIndicator,
        issuingDistributionPoint, freshestCRL, authorityInfoAccess, expiredCertsOnCRL,
    ]
}
