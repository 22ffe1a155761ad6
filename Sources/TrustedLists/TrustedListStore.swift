import Certificates

/// Trusted lists supplied for qualification decisions (`--trusted-lists DIR`), indexed by the
/// key identifiers of their services' digital identities.
///
/// The lists' XMLDSig signatures are not verified by this store (the trusted-list signature
/// checks are separate); evidence built from it says so.
public struct TrustedListStore: Sendable {
    /// A service with the list it is on.
    public struct Entry: Sendable {
        public let service: TrustService
        public let territory: String
        public let source: String
        /// Subject DNs (DER) of the service's certificates, for name matching without key ids.
        public let subjects: [[UInt8]]
    }

    public let lists: [TrustedList]
    /// Files that were not usable lists, with the reason.
    public let rejected: [(source: String, reason: String)]
    private let byKeyIdentifier: [[UInt8]: [Entry]]
    private let bySubject: [[UInt8]: [Entry]]

    /// Parses each file; unusable ones are listed in ``rejected``.
    public init(files: [(source: String, bytes: [UInt8])]) {
        var lists: [TrustedList] = []
        var rejected: [(String, String)] = []
        for file in files {
            switch TrustedListParser.parse(file.bytes, source: file.source) {
            case .success(let list): lists.append(list)
            case .failure(let error): rejected.append((file.source, error.description))
            }
        }
        var byKeyIdentifier: [[UInt8]: [Entry]] = [:]
        var bySubject: [[UInt8]: [Entry]] = [:]
        for list in lists {
            for provider in list.providers {
                for service in provider.services {
                    let certificates = service.identity.certificates.compactMap { InspectedCertificate(bytes: $0).certificate }
                    let entry = Entry(
                        service: service, territory: list.territory ?? "?", source: list.source,
                        subjects: certificates.map { Array($0.tbs.subject.encoded) })
                    var keys = Set(service.identity.subjectKeyIdentifiers)
                    for certificate in certificates {
                        if let id = certificate.keyIdentifier { keys.insert(id) }
                        if let bits = certificate.subjectPublicKeyBits { keys.insert(SHA1.digest(bits)) }
                    }
                    for key in keys { byKeyIdentifier[key, default: []].append(entry) }
                    for subject in Set(entry.subjects) { bySubject[subject, default: []].append(entry) }
                }
            }
        }
        self.lists = lists
        self.rejected = rejected
        self.byKeyIdentifier = byKeyIdentifier
        self.bySubject = bySubject
    }

    /// Services whose digital identity is the issuer of `certificate`: by authorityKeyIdentifier
    /// when present, else by issuer name; only services of `serviceType` (history included).
    public func issuerServices(of certificate: Certificate, authorityKeyIdentifier: [UInt8]?, serviceType: String) -> [Entry] {
        let candidates = authorityKeyIdentifier.flatMap { byKeyIdentifier[$0] }
            ?? bySubject[Array(certificate.tbs.issuer.encoded)] ?? []
        return Self.of(serviceType, candidates)
    }

    /// Services whose digital identity is `certificate` itself (e.g. a TSU under TSA/QTST).
    public func services(identifiedBy certificate: Certificate, serviceType: String) -> [Entry] {
        let key = certificate.keyIdentifier
        let candidates = key.flatMap { byKeyIdentifier[$0] } ?? bySubject[Array(certificate.tbs.subject.encoded)] ?? []
        return Self.of(serviceType, candidates)
    }

    /// The entries whose service is, or was, of `serviceType`.
    private static func of(_ serviceType: String, _ entries: [Entry]) -> [Entry] {
        entries.filter { entry in
            entry.service.current.type == serviceType || entry.service.history.contains { $0.type == serviceType }
        }
    }
}
