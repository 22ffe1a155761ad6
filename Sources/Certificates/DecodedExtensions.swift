import DERWalk
import SwiftASN1

/// The extensions the profile rules read, decoded once per certificate. A `failure` is an
/// extension that is present but malformed; nil means absent.
public struct DecodedExtensions: Sendable {
    public var basicConstraints: Result<BasicConstraints, CertificateError>?
    public var keyUsage: Result<KeyUsage, CertificateError>?
    public var extendedKeyUsage: Result<ExtendedKeyUsage, CertificateError>?
    public var certificatePolicies: Result<CertificatePolicies, CertificateError>?
    /// certificatePolicies with its qualifiers, for the RFC 5280 qualifier and URI rules.
    var policyInformation: Result<[PolicyInformation], CertificateError>?
    public var subjectAltName: Result<SubjectAltName, CertificateError>?
    public var authorityInformationAccess: Result<AuthorityInformationAccess, CertificateError>?
    public var crlDistributionPoints: Result<CRLDistributionPoints, CertificateError>?
    public var authorityKeyIdentifier: Result<AuthorityKeyIdentifier, CertificateError>?
    public var subjectKeyIdentifier: Result<SubjectKeyIdentifier, CertificateError>?
    public var qcStatements: Result<QCStatements, CertificateError>?
    public var publicKey: Result<SubjectPublicKey, CertificateError>

    /// - Parameters:
    ///   - tbs: the decoded tbsCertificate.
    ///   - reader: the item the slices of `tbs` point into, when the values may be decoded by
    ///     walking their DER (``TLVReader``); each decoder then falls back to swift-asn1 where
    ///     the walk does not answer, so the values are the same either way.
    init(_ tbs: TBSCertificate, walking reader: TLVReader? = nil) {
        // A walked certificate's extensions are found by their OIDs' bytes, in one pass.
        let positions = reader.flatMap { ExtensionPositions(tbs.extensions, $0) }
        func decode<T>(
            _ decoded: ExtensionPositions.Decoded, _ walk: (TLVReader, TLV) -> T?,
            _ make: (CertificateExtension) throws(CertificateError) -> T
        )
            -> Result<T, CertificateError>?
        {
            let found = positions.map { $0[decoded].map { tbs.extensions[$0] } } ?? tbs.extension(decoded.oid)
            guard let ext = found else { return nil }
            if let reader, let root = DERTree.embeddedRoot(reader, ext.value), let value = walk(reader, root) {
                return .success(value)
            }
            do throws(CertificateError) { return .success(try make(ext)) } catch { return .failure(error) }
        }
        basicConstraints = decode(.basicConstraints, BasicConstraints.init(walking:_:), BasicConstraints.init)
        keyUsage = decode(.keyUsage, KeyUsage.init(walking:_:), KeyUsage.init)
        extendedKeyUsage = decode(.extendedKeyUsage, ExtendedKeyUsage.init(walking:_:), ExtendedKeyUsage.init)
        // One decode of certificatePolicies serves the policy OIDs and the qualifier rules.
        policyInformation = decode(.certificatePolicies, PolicyInformation.list(walking:_:), PolicyInformation.list)
        certificatePolicies = policyInformation.map {
            $0.map { CertificatePolicies(policies: $0.compactMap(\.policy)) }
        }
        subjectAltName = decode(.subjectAltName, SubjectAltName.init(walking:_:), SubjectAltName.init)
        authorityInformationAccess = decode(
            .authorityInformationAccess, AuthorityInformationAccess.init(walking:_:), AuthorityInformationAccess.init)
        crlDistributionPoints = decode(
            .crlDistributionPoints, CRLDistributionPoints.init(walking:_:), CRLDistributionPoints.init)
        authorityKeyIdentifier = decode(
            .authorityKeyIdentifier, AuthorityKeyIdentifier.init(walking:_:), AuthorityKeyIdentifier.init)
        subjectKeyIdentifier = decode(
            .subjectKeyIdentifier, SubjectKeyIdentifier.init(walking:_:), SubjectKeyIdentifier.init)
        qcStatements = decode(.qcStatements, QCStatements.init(walking:_:), QCStatements.init)
        if let reader, let root = DERTree.embeddedRoot(reader, tbs.subjectPublicKeyInfo),
            let key = SubjectPublicKey(walking: reader, root)
        {
            publicKey = .success(key)
            return
        }
        do throws(CertificateError) {
            publicKey = .success(try SubjectPublicKey(spki: tbs.subjectPublicKeyInfo))
        } catch {
            publicKey = .failure(error)
        }
    }

    /// Convenience: the decoded value when present and well-formed.
    public var policies: [SwiftASN1.ASN1ObjectIdentifier] { (try? certificatePolicies?.get())?.policies ?? [] }
    public var ekus: [SwiftASN1.ASN1ObjectIdentifier]? { (try? extendedKeyUsage?.get())?.purposes }
    public var statements: QCStatements? { try? qcStatements?.get() }
    public var usage: KeyUsage? { try? keyUsage?.get() }
    public var isCA: Bool { (try? basicConstraints?.get())?.isCA ?? false }
    /// Whether a policy puts the certificate under the CA/B Forum Baseline Requirements (see
    /// ``PolicyIdentifiers/baselineRequirements``): the BR-only rules apply only then.
    public var claimsBaselineRequirements: Bool {
        policies.contains(where: PolicyIdentifiers.baselineRequirements.contains)
    }
}
