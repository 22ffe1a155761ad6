import AuditCore
import Certificates

/// The CRLs and OCSP responses given with `--crl` and `--ocsp`, read once per run: each CRL
/// walked once into a sorted serial index (16 bytes per entry), each OCSP response decoded, and
/// each authenticated against the supplied issuers. Certificates look their status up here.
public struct RevocationSources: Sendable {
    /// One CRL given as a status source.
    public struct IndexedCRL: Sendable {
        public let source: String
        public let bytes: [UInt8]
        public let list: CertificateList
        public let entries: CRLEntryWalk
        /// Why the CRL is (or is not) authentic: verified with which supplied issuer, or why not.
        public let authentication: Authentication

        /// True when `other` is in the same cRLNumber sequence: same issuer, key and scope.
        public func sameSequence(as other: CertificateList) -> Bool {
            list.issuerEncoded.elementsEqual(other.issuerEncoded)
                && list.authorityKeyIdentifier.map(Array.init) == other.authorityKeyIdentifier.map(Array.init)
                && Self.scope(of: list).elementsEqual(Self.scope(of: other))
        }

        /// The CRL's scope as its issuingDistributionPoint encodes it (distribution point, the
        /// onlyContains… flags, reasons, indirectCRL); empty for a CRL of the issuer's whole scope.
        static func scope(of list: CertificateList) -> ArraySlice<UInt8> {
            list.extensions(RevocationOID.issuingDistributionPoint).first.map { list.reader.content($0.value) } ?? []
        }
    }

    /// Whether a status source's signature was verified with a supplied issuer.
    public enum Authentication: Sendable, Hashable {
        case verified(issuerSubject: [UInt8])
        case failed(String)

        public var isVerified: Bool { if case .verified = self { true } else { false } }
    }

    public let crls: [IndexedCRL]
    public let ocspResponses: [IndexedOCSPResponse]
    /// Sources that could not be read, with the reason (reported by the CLI at start).
    public let rejected: [(source: String, reason: String)]

    /// Reads every source; `issuers` (`--issuer`) authenticate them.
    public init(
        crls: [(source: String, bytes: [UInt8])], ocspResponses: [(source: String, bytes: [UInt8])] = [],
        issuers: IssuerStore?
    ) {
        var rejected: [(String, String)] = []
        var indexed: [IndexedCRL] = []
        for (source, bytes) in crls {
            do throws(RevocationError) {
                let list = try CertificateList(bytes: bytes)
                let item = InspectedCRL(parsed: list, bytes: bytes, issuers: issuers)
                indexed.append(
                    IndexedCRL(
                        source: source, bytes: bytes, list: list, entries: CRLEntryWalk(list, keepIndex: true),
                        authentication: RevocationSources.authenticate(item)))
            } catch {
                rejected.append((source, "not a CRL: \(error)"))
            }
        }
        var responses: [IndexedOCSPResponse] = []
        for (source, bytes) in ocspResponses {
            let inspected = InspectedOCSPResponse(bytes: bytes, inputs: RevocationInputs(issuers: issuers))
            guard let basic = inspected.basic else {
                rejected.append((source, "not a successful basic OCSP response: \(inspected.problem ?? "unreadable")"))
                continue
            }
            responses.append(IndexedOCSPResponse(source: source, response: inspected, basic: basic))
        }
        self.crls = indexed
        self.ocspResponses = responses
        self.rejected = rejected
    }

    static func authenticate(_ item: InspectedCRL) -> Authentication {
        guard let list = item.decoded else { return .failed("the CRL cannot be decoded") }
        let candidates = item.issuerCandidates
        guard !candidates.isEmpty else {
            return .failed("no supplied issuer certificate (--issuer) is the CRL's issuer")
        }
        guard let algorithm = list.algorithm(list.signatureAlgorithm) else {
            return .failed("unreadable signature algorithm")
        }
        var reason = "no supplied issuer key is usable"
        for issuer in candidates {
            guard let key = issuer.key else { continue }
            switch SignatureVerification.verify(
                signature: list.signatureValue, over: list.reader.encoded(list.tbsCertList), key: key,
                signatureAlgorithm: algorithm)
            {
            case .valid: return .verified(issuerSubject: Array(issuer.certificate.tbs.subject.encoded))
            case .invalid(let why), .unusable(let why): reason = "signature not verified: \(why)"
            }
        }
        return .failed(reason)
    }
}

extension InspectedCRL {
    /// An already decoded CRL (status sources), without the DER scan of an audited item.
    init(parsed: CertificateList, bytes: [UInt8], issuers: IssuerStore?) {
        self.bytes = bytes
        inputs = RevocationInputs(issuers: issuers)
        derScan = DERScan(violations: [], suppressedViolations: 0, valueLength: bytes.count)
        list = .success(parsed)
        entries = nil
    }
}
