import SwiftASN1

extension ASN1ObjectIdentifier {
    /// Certificate extension OIDs this module interprets.
    public enum CertificateExtension {
        public static let basicConstraints: ASN1ObjectIdentifier = [2, 5, 29, 19]
        public static let keyUsage: ASN1ObjectIdentifier = [2, 5, 29, 15]
        public static let subjectAltName: ASN1ObjectIdentifier = [2, 5, 29, 17]
        public static let subjectKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 14]
        public static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
        public static let certificatePolicies: ASN1ObjectIdentifier = [2, 5, 29, 32]
        public static let extendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37]
        public static let qcStatements: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 3]
        public static let authorityInformationAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 1]
        public static let crlDistributionPoints: ASN1ObjectIdentifier = [2, 5, 29, 31]
        public static let issuerAltName: ASN1ObjectIdentifier = [2, 5, 29, 18]
        public static let nameConstraints: ASN1ObjectIdentifier = [2, 5, 29, 30]
        public static let policyConstraints: ASN1ObjectIdentifier = [2, 5, 29, 36]
        public static let policyMappings: ASN1ObjectIdentifier = [2, 5, 29, 33]
        public static let inhibitAnyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 54]
        public static let subjectDirectoryAttributes: ASN1ObjectIdentifier = [2, 5, 29, 9]
        public static let privateKeyUsagePeriod: ASN1ObjectIdentifier = [2, 5, 29, 16]
        /// Extensions RFC 5280 §4.2 requires every application to recognise, plus the ones this
        /// tool interprets; a critical extension outside this set fails CERT-019.
        public static let recognised: Set<ASN1ObjectIdentifier> = [
            basicConstraints, keyUsage, subjectAltName, subjectKeyIdentifier, authorityKeyIdentifier,
            certificatePolicies, extendedKeyUsage, qcStatements, ctPoison, authorityInformationAccess,
            crlDistributionPoints, issuerAltName, nameConstraints, policyConstraints, policyMappings,
            inhibitAnyPolicy, subjectDirectoryAttributes, ocspNoCheck,
        ]
        /// id-pkix-ocsp-nocheck, RFC 6960 §4.2.2.2.1.
        public static let ocspNoCheck: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 5]
        /// RFC 6962 §3.1 precertificate poison.
        public static let ctPoison: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 4, 3]
    }

    /// Signature algorithm OIDs and the parameter encoding each requires.
    public enum SignatureAlgorithm {
        public static let rsaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
        /// RSA PKCS#1 v1.5 with MD2/MD5/SHA-1/SHA-2 (RFC 3279, RFC 4055 §5): parameters NULL.
        public static let rsaPKCS1: Set<ASN1ObjectIdentifier> = [
            [1, 2, 840, 113_549, 1, 1, 2], [1, 2, 840, 113_549, 1, 1, 4], [1, 2, 840, 113_549, 1, 1, 5],
            [1, 2, 840, 113_549, 1, 1, 11], [1, 2, 840, 113_549, 1, 1, 12], [1, 2, 840, 113_549, 1, 1, 13],
            [1, 2, 840, 113_549, 1, 1, 14], [1, 2, 840, 113_549, 1, 1, 15], [1, 2, 840, 113_549, 1, 1, 16],
        ]
        /// ECDSA with SHA-1/SHA-2 (RFC 5758 §3.2), DSA with SHA-2, Ed25519/Ed448 (RFC 8410 §3):
        /// parameters absent.
        public static let parametersAbsent: Set<ASN1ObjectIdentifier> = [
            [1, 2, 840, 10_045, 4, 1], [1, 2, 840, 10_045, 4, 3, 1], [1, 2, 840, 10_045, 4, 3, 2],
            [1, 2, 840, 10_045, 4, 3, 3], [1, 2, 840, 10_045, 4, 3, 4], [1, 3, 101, 112], [1, 3, 101, 113],
            [2, 16, 840, 1, 101, 3, 4, 3, 1], [2, 16, 840, 1, 101, 3, 4, 3, 2],
        ]
    }
}
