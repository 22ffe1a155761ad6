import AuditCore
import Certificates
import DERWalk
import Foundation
import SwiftASN1

/// REV-200: the revocation status of a checked certificate at the validation time, from the
/// CRLs and OCSP responses given with `--crl` and `--ocsp` that are authentic and current.
public enum RevocationStatusRules {
    /// The rules for a run: none without sources, so records of runs without `--crl`/`--ocsp`
    /// do not change.
    public static func rules(sources: RevocationSources?) -> RuleSet<InspectedCertificate> {
        guard let sources, !(sources.crls.isEmpty && sources.ocspResponses.isEmpty) else { return RuleSet([]) }
        return RuleSet([status(sources)])
    }

    public static let requirementIDs: [RequirementID] = [statusRequirement]
    static let statusRequirement: RequirementID = "REV-200"

    /// What one source says about the certificate at the validation time.
    enum Answer {
        case good(String), revoked(String), unknown(String), unusable(String)
    }

    static func status(_ sources: RevocationSources) -> Rule<InspectedCertificate> {
        Rule(statusRequirement) { item, context in
            guard let certificate = item.certificate else {
                return [.notChecked(because: "the certificate cannot be decoded")]
            }
            let at = Int64(context.validationTime.timeIntervalSince1970)
            let when = CertificateTime.iso8601(secondsSince1970: at)
            let isCA = item.extensions?.isCA ?? false
            let aki = (try? item.extensions?.authorityKeyIdentifier?.get())?.keyIdentifier
            var answers: [Answer] = sources.crls.compactMap { crl($0, certificate, aki: aki, isCA: isCA, at: at) }
            answers += sources.ocspResponses.flatMap { ocsp($0, certificate, at: at) }
            if let revoked = answers.lazy.compactMap({ if case .revoked(let text) = $0 { text } else { nil } }).first {
                return [
                    .fail(
                        observed: revoked, expected: "not revoked at \(when)", location: "serialNumber",
                        message: "the certificate was revoked at the validation time (\(when))")
                ]
            }
            if let good = answers.lazy.compactMap({ if case .good(let text) = $0 { text } else { nil } }).first {
                return [.pass(observed: good)]
            }
            if let unknown = answers.lazy.compactMap({ if case .unknown(let text) = $0 { text } else { nil } }).first {
                return [
                    .fail(
                        observed: unknown, expected: "good", location: "serialNumber",
                        message: "the issuer's OCSP responder does not know this certificate")
                ]
            }
            let reasons = answers.compactMap { if case .unusable(let text) = $0 { text } else { nil } }
            return [
                .notChecked(
                    because: "no authentic, current CRL or OCSP response covers this certificate at \(when)"
                        + (reasons.isEmpty
                            ? " (no given CRL is of its issuer and no given OCSP response answers for its serial number)"
                            : ": " + reasons.joined(separator: "; ")))
            ]
        }
    }

    /// The status a CRL gives, or nil when the CRL is of another issuer.
    static func crl(
        _ crl: RevocationSources.IndexedCRL, _ certificate: Certificate, aki: [UInt8]?, isCA: Bool, at: Int64
    ) -> Answer? {
        let list = crl.list
        guard list.issuerEncoded.elementsEqual(certificate.tbs.issuer.encoded) else { return nil }
        if let aki, let crlAKI = list.authorityKeyIdentifier, !crlAKI.elementsEqual(aki) { return nil }
        guard crl.authentication.isVerified else {
            if case .failed(let why) = crl.authentication {
                return .unusable("\(crl.source) is not authenticated: \(why)")
            }
            return nil
        }
        let idp = list.issuingDistributionPoint
        if idp?.onlyContainsUserCerts == true && isCA || idp?.onlyContainsCACerts == true && !isCA {
            return .unusable("\(crl.source) covers only \(isCA ? "end-entity" : "CA") certificates")
        }
        let label =
            "\(crl.source) (cRLNumber \(list.crlNumber.map(CRLNumber.text) ?? "none"), thisUpdate \(list.thisUpdate.text))"
        var listedLater: String?
        if let entry = lookup(certificate.tbs.serialNumber, in: crl) {
            let reader = list.reader
            let date = CertificateTime(
                tag: entry.revocationDate.tag, content: reader.content(entry.revocationDate),
                offset: entry.revocationDate.start)
            let reason = reasonCode(entry, reader)
            if reason == 8 { return nil }
            if let revoked = date.secondsSince1970, revoked <= at {
                return .revoked(
                    "revoked at \(date.text)"
                        + (reason.map { ", reason \(CRLEntryWalk.reasonNames[$0] ?? "\($0)")" } ?? "")
                        + ", per \(label)")
            }
            listedLater = date.text
        }
        guard let this = list.thisUpdate.secondsSince1970, this <= at else {
            return .unusable("\(label) was issued after the validation time")
        }
        guard let next = list.nextUpdate?.secondsSince1970, at <= next else {
            return .unusable(
                "\(label) is not current at the validation time (nextUpdate \(list.nextUpdate?.text ?? "absent"))")
        }
        guard !list.isDelta, idp?.hasOnlySomeReasons != true, crl.entries.unreadable == nil else {
            return .unusable(
                "\(label) is a delta or partial CRL: absence from it does not show the certificate unrevoked")
        }
        if let listedLater {
            return .good(
                "not revoked at the validation time: \(label), current until \(list.nextUpdate?.text ?? ""), lists it as revoked "
                    + "later, at \(listedLater)")
        }
        return .good("not revoked: absent from \(label), current until \(list.nextUpdate?.text ?? "")")
    }

    /// The entry of `serial` in the CRL issuer's own scope, found by binary search on the index.
    static func lookup(_ serial: ArraySlice<UInt8>, in crl: RevocationSources.IndexedCRL) -> CRLEntry? {
        let bytes = Array(serial)
        let key = CRLEntryWalk.SerialKey.fold(CRLEntryWalk.SerialKey.of(bytes, 0..<bytes.count))
        let index = crl.entries.serialIndex
        var low = 0
        var high = index.count
        while low < high {
            let middle = (low + high) / 2
            if index[middle].key < key { low = middle + 1 } else { high = middle }
        }
        let reader = crl.list.reader
        while low < index.count, index[low].key == key {
            if let entry = CRLEntryWalk.entry(at: index[low].offset, limit: reader.bytes.count, reader),
                reader.content(entry.serialNumber).elementsEqual(serial)
            {
                return entry
            }
            low += 1
        }
        return nil
    }

    static func reasonCode(_ entry: CRLEntry, _ reader: TLVReader) -> Int? {
        guard let list = entry.extensions, case .success(let extensions) = RevocationExtension.list(list, in: reader),
            let ext = extensions.first(where: { $0.identifier.elementsEqual(RevocationOID.reasonCode) }),
            let value = reader.element(at: ext.value.contentStart, limit: ext.value.end)
        else { return nil }
        return reader.smallInteger(value)
    }

    /// What an OCSP response says about the certificate (nothing when it does not answer it).
    static func ocsp(_ indexed: IndexedOCSPResponse, _ certificate: Certificate, at: Int64) -> [Answer] {
        indexed.basic.responses.compactMap { single in
            let id = single.certID
            guard id.serialNumber.elementsEqual(certificate.tbs.serialNumber),
                let algorithm = try? ASN1ObjectIdentifier(
                    dotRepresentation: ObjectIdentifierText.dotted(id.hashAlgorithm)),
                MessageDigest.digest(algorithm, certificate.tbs.issuer.encoded)?.elementsEqual(id.issuerNameHash)
                    == true
            else { return nil }
            let label = "\(indexed.source) (producedAt \(indexed.basic.producedAt.text))"
            if let distrust = indexed.distrust { return .unusable("\(label) is not authoritative: \(distrust)") }
            guard let this = single.thisUpdate.secondsSince1970, this <= at else {
                return .unusable("\(label) post-dates the validation time")
            }
            if let next = single.nextUpdate?.secondsSince1970, next < at {
                return .unusable("\(label) expired at its nextUpdate \(single.nextUpdate!.text)")
            }
            switch single.status {
            case .good: return .good("good per \(label), thisUpdate \(single.thisUpdate.text)")
            case .revoked(let time, let reason):
                guard let revoked = time.secondsSince1970, revoked <= at else {
                    return .good("good at the validation time per \(label) (revoked later, \(time.text))")
                }
                return .revoked(
                    "revoked at \(time.text)"
                        + (reason.map { ", reason \(CRLEntryWalk.reasonNames[$0] ?? "\($0)")" } ?? "")
                        + ", per \(label)")
            case .unknown: return .unknown("unknown per \(label)")
            case .undefined: return .unusable("\(label) has an undefined certStatus")
            }
        }
    }
}
