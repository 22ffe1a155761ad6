import Certificates
import DERWalk
import SwiftASN1

/// A CRL item as the rules see it: the DER scan of its bytes, the decoded list, one walk over
/// its entries, the supplied issuer that signed it and the auditor's inputs.
public struct InspectedCRL: Sendable {
    public let bytes: [UInt8]
    public let derScan: DERScan
    public let list: Result<CertificateList, RevocationError>
    /// The entries' survey, when the list decoded.
    public let entries: CRLEntryWalk?
    public let inputs: RevocationInputs

    public init(bytes: [UInt8], inputs: RevocationInputs = RevocationInputs()) {
        self.bytes = bytes
        self.inputs = inputs
        derScan = DERScanner.scan(bytes)
        do throws(RevocationError) {
            let list = try CertificateList(bytes: bytes)
            self.list = .success(list)
            entries = CRLEntryWalk(list)
        } catch {
            list = .failure(error)
            entries = nil
        }
    }

    public var decoded: CertificateList? { try? list.get() }

    /// The other CRLs given with `--crl` in `list`'s cRLNumber sequence (same issuer, key and
    /// scope), for the rules that compare a CRL with its neighbours (REV-009, REV-040).
    func sequencePeers(of list: CertificateList) -> [RevocationSources.IndexedCRL] {
        inputs.sources?.crls.filter { $0.sameSequence(as: list) && !$0.bytes.elementsEqual(bytes) } ?? []
    }

    /// The supplied issuers named as the CRL's issuer, the one whose SKI equals the AKI first.
    public var issuerCandidates: [IssuerStore.Issuer] {
        guard let list = decoded, let issuers = inputs.issuers else { return [] }
        return issuers.candidates(
            issuerName: list.issuerEncoded, authorityKeyIdentifier: list.authorityKeyIdentifier.map(Array.init))
    }
}

extension CertificateList {
    /// The algorithm OID of an AlgorithmIdentifier element, when readable.
    public func algorithm(_ identifier: TLV) -> ASN1ObjectIdentifier? {
        guard let oid = reader.element(at: identifier.contentStart, limit: identifier.end), oid.tag == 0x06 else {
            return nil
        }
        return try? ASN1ObjectIdentifier(derEncoded: reader.encoded(oid))
    }
}
