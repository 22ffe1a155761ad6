import Certificates

/// What a trusted list says about a certificate at a time (TS 119 612 5.5.9 and the decision
/// steps of ETSI TS 119 615): the matching service, its status then, and the qualifiers whose
/// criteria the certificate meets.
public struct QualificationStatus: Sendable {
    public let entry: TrustedListStore.Entry
    /// The status period in force at the time, nil when the service did not exist yet.
    public let period: TrustService.StatusPeriod?
    public let qualifiers: [String]
    /// Criteria this reader cannot evaluate (their qualification elements were not applied).
    public let unsupportedCriteria: [String]

    /// Granted at the time (or, before 2016-07-01, one of the statuses that then meant qualified).
    public var isGranted: Bool {
        guard let period else { return false }
        return period.status == TrustedListURI.statusGranted
            || (period.start < 1_467_331_200 && TrustedListURI.historicQualifiedStatuses.contains(period.status))
    }

    public var shortQualifiers: [String] { qualifiers.map(TrustedListURI.short) }

    /// One line for evidence.
    public var summary: String {
        let status = period.map { "\(TrustedListURI.short($0.status)) since \($0.startText)" } ?? "not yet listed"
        let qualifierText = qualifiers.isEmpty ? "" : "; qualifiers \(shortQualifiers.joined(separator: ", "))"
        return
            "\(entry.service.providerName) / \(entry.service.name) (\(entry.territory), \(TrustedListURI.short(entry.service.current.type))): \(status)\(qualifierText)"
    }

    /// Evaluates the service for `certificate` at `time` (seconds since 1970).
    public init(entry: TrustedListStore.Entry, certificate: Certificate, extensions: DecodedExtensions, at time: Int64)
    {
        self.entry = entry
        period = entry.service.period(at: time)
        var qualifiers: [String] = []
        var unsupported: [String] = []
        for qualification in entry.service.qualifications {
            let (matches, skipped) = Self.matches(qualification.criteria, extensions)
            unsupported += skipped
            if matches { qualifiers += qualification.qualifiers }
        }
        self.qualifiers = qualifiers
        self.unsupportedCriteria = unsupported
    }

    /// Evaluates a CriteriaList (5.5.9.2.2) on key usage and policies; other criteria are
    /// reported as unsupported and count as not met.
    static func matches(_ criteria: CriteriaList, _ extensions: DecodedExtensions) -> (Bool, [String]) {
        guard case .list(let assert, let keyUsage, let policySets, let nested, let unsupported) = criteria else {
            return (false, [])
        }
        var results: [Bool] = []
        var skipped = unsupported
        let usage = extensions.usage
        for bits in keyUsage {
            results.append(bits.allSatisfy { name, wanted in (usage.map { has($0, name) } ?? false) == wanted })
        }
        let policies = Set(extensions.policies.map { "\($0)" })
        for set in policySets { results.append(!set.isEmpty && set.allSatisfy(policies.contains)) }
        for list in nested {
            let (result, inner) = matches(list, extensions)
            results.append(result)
            skipped += inner
        }
        results += unsupported.map { _ in false }
        switch assert {
        case .all: return (!results.isEmpty && results.allSatisfy { $0 }, skipped)
        case .atLeastOne: return (results.contains(true), skipped)
        case .none: return (!results.contains(true), skipped)
        }
    }

    static func has(_ usage: KeyUsage, _ name: String) -> Bool {
        switch name {
        case "digitalSignature": usage.contains(.digitalSignature)
        case "nonRepudiation", "contentCommitment": usage.contains(.nonRepudiation)
        case "keyEncipherment": usage.contains(.keyEncipherment)
        case "dataEncipherment": usage.contains(.dataEncipherment)
        case "keyAgreement": usage.contains(.keyAgreement)
        case "keyCertSign": usage.contains(.keyCertSign)
        case "crlSign", "cRLSign": usage.contains(.cRLSign)
        case "encipherOnly": usage.contains(.encipherOnly)
        case "decipherOnly": usage.contains(.decipherOnly)
        default: false
        }
    }
}
