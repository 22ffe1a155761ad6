import Certificates
import Digests

/// Trusted lists supplied for qualification decisions (`--trusted-lists DIR`), indexed by the
/// key identifiers of their services' digital identities.
///
/// With a LOTL (`--lotl`), only lists whose XMLDSig signature verifies with a certificate the
/// LOTL announces for their territory are used (TL-072); without one the lists are used as
/// supplied, and evidence built from them says their signatures were not verified.
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
    /// The LOTL that authenticated every list used, or nil when the lists were not authenticated.
    public let authenticatedBy: String?
    private let byKeyIdentifier: [[UInt8]: [Entry]]
    private let bySubject: [[UInt8]: [Entry]]

    /// Parses each file; unusable ones — and, with `lotl`, those its pointers do not
    /// authenticate — are listed in ``rejected``.
    public init(files: [(source: String, bytes: [UInt8])], authenticatedBy lotl: LOTLPointers? = nil) {
        var lists: [TrustedList] = []
        var rejected: [(String, String)] = []
        authenticatedBy = lotl?.source
        for file in files {
            if let lotl, let reason = Self.unauthenticated(file.bytes, by: lotl) {
                rejected.append((file.source, reason))
                continue
            }
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
                    let certificates = service.identity.certificates.compactMap {
                        InspectedCertificate(bytes: $0).certificate
                    }
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

    /// Why the list is not authenticated by `lotl`, or nil when its signature verifies with a
    /// certificate the LOTL announces for its territory.
    static func unauthenticated(_ bytes: [UInt8], by lotl: LOTLPointers) -> String? {
        let list = InspectedTrustedList(bytes: bytes)
        guard let signature = list.signature, signature.signatureCount == 1 else { return "not signed once (TL-050)" }
        guard let territory = list.territory, let announced = lotl.certificates[territory] else {
            return "the LOTL \(lotl.source) announces no certificate for \(list.territory ?? "its territory")"
        }
        guard signature.references.allSatisfy({ $0.digestMatches == true }) else {
            return "a signed reference does not verify (TL-059)"
        }
        if case .valid = signature.verify(with: announced) { return nil }
        return "not signed with a key the LOTL \(lotl.source) announces for \(territory) (TL-072)"
    }

    /// What qualification evidence says about where the lists came from.
    public var provenance: String {
        authenticatedBy.map { " (trusted lists authenticated by the LOTL \($0))" }
            ?? " (trusted-list signatures are not verified: no --lotl)"
    }

    /// Services whose digital identity is the issuer of `certificate`: by authorityKeyIdentifier
    /// when present, else by issuer name; only services of `serviceType` (history included).
    public func issuerServices(of certificate: Certificate, authorityKeyIdentifier: [UInt8]?, serviceType: String)
        -> [Entry]
    {
        let candidates =
            authorityKeyIdentifier.flatMap { byKeyIdentifier[$0] }
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
