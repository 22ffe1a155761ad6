import Synchronization

/// Decoded public keys and certificate-signature results shared by the items of one run: many
/// tokens are signed by the same TSU, whose key OpenSSL 3.0 takes ~100 µs to decode and whose
/// certificate chain is the same every time. Bounded, so memory stays flat on any input.
public final class VerificationCache: Sendable {
    /// Entries per table before it is cleared (a run with more distinct signers just re-decodes).
    public static let limit = 4096

    private let keys = Mutex<[[UInt8]: IssuerKey]>([:])
    private let verdicts = Mutex<[[UInt8]: SignatureVerification.Outcome]>([:])

    public init() {}

    /// The key of `subjectPublicKeyInfo`, decoded once.
    public func key(_ subjectPublicKeyInfo: ArraySlice<UInt8>) -> IssuerKey? {
        let id = Array(subjectPublicKeyInfo)
        if let cached = keys.withLock({ $0[id] }) { return cached }
        guard let key = IssuerKey(subjectPublicKeyInfo: subjectPublicKeyInfo) else { return nil }
        keys.withLock { table in
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[id] = key
        }
        return key
    }

    /// The verification of `certificate` with the key in `issuerSubjectPublicKeyInfo`, done once.
    public func verify(certificate: ArraySlice<UInt8>, issuerSubjectPublicKeyInfo: ArraySlice<UInt8>)
        -> SignatureVerification.Outcome
    {
        let id = Array(certificate) + Array(issuerSubjectPublicKeyInfo)
        if let cached = verdicts.withLock({ $0[id] }) { return cached }
        guard let key = key(issuerSubjectPublicKeyInfo) else { return .unusable("OpenSSL cannot use the issuer's key") }
        let outcome = SignatureVerification.verify(certificate: certificate, issuerKey: key)
        verdicts.withLock { table in
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[id] = outcome
        }
        return outcome
    }
}
