import AuditCore
import Certificates

extension Auditor {
    /// The report facts of an item: for a certificate its validity and subject; nothing for
    /// other kinds.
    public func facts(for item: InputItem, kind: ArtefactKind) -> ItemFacts {
        guard kind == .certificate, item.problem == nil,
            let certificate = InspectedCertificate(bytes: item.bytes).certificate
        else {
            return ItemFacts()
        }
        typealias Names = DistinguishedName.AttributeType
        let subject = [("CN", Names.commonName), ("O", Names.organizationName), ("C", Names.countryName)]
            .compactMap { label, type in certificate.tbs.subject.value(type).map { "\(label)=\($0)" } }
        return ItemFacts(
            notBefore: certificate.tbs.notBefore.secondsSince1970.map(CertificateTime.iso8601(secondsSince1970:)),
            notAfter: certificate.tbs.notAfter.secondsSince1970.map(CertificateTime.iso8601(secondsSince1970:)),
            subject: subject.isEmpty ? nil : subject.joined(separator: ", "))
    }
}
