import AuditCore
import Certificates
import Foundation

/// Pre-selection of certificates before the full check (`--only-etsi`, `--only-issuer`,
/// `--valid-at`), so that a CT log of billions of entries reduces cheaply to the population an
/// eIDAS audit is about. Only certificates are filtered: other kinds, and items that could not
/// be read, always pass (a broken entry is never dropped silently).
public struct ItemFilter: Sendable {
    /// Keep certificates with a QCStatements extension or an ETSI policy OID (EN 319 411-1/-2,
    /// TS 119 495), found by their DER bytes without decoding.
    public var onlyETSI = false
    /// Keep certificates whose issuer name has an attribute value containing one of these
    /// (case-insensitive).
    public var issuerContains: [String] = []
    /// Keep certificates valid at this time.
    public var validAt: Date?

    public init(onlyETSI: Bool = false, issuerContains: [String] = [], validAt: Date? = nil) {
        self.onlyETSI = onlyETSI
        self.issuerContains = issuerContains.map { $0.lowercased() }
        self.validAt = validAt
    }

    public var isActive: Bool { onlyETSI || !issuerContains.isEmpty || validAt != nil }

    /// DER of OID prefixes: id-pe-qcStatements (1.3.6.1.5.5.7.1.3) and the ETSI policy arcs
    /// 0.4.0.194112 (EN 319 411-2), 0.4.0.2042 (EN 319 411-1), 0.4.0.19495 (TS 119 495).
    static let etsiMarkers: [[UInt8]] = [
        [0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x03],
        [0x04, 0x00, 0x8B, 0xEC, 0x40], [0x04, 0x00, 0x8F, 0x7A], [0x04, 0x00, 0x81, 0x98, 0x27],
    ]

    /// Whether `item` goes on to the full check.
    public func keeps(_ item: InputItem, classifier: ArtefactClassifier) -> Bool {
        guard isActive, item.problem == nil, classifier.classify(item.bytes).kind == .certificate else { return true }
        if onlyETSI {
            let bytes = item.bytes
            let found = Self.etsiMarkers.contains { marker in
                guard let range = bytes.firstRange(of: marker) else { return false }
                // An arc prefix must start an OID's content (tag 06 two bytes before).
                return marker.first == 0x06 || (range.lowerBound >= 2 && bytes[range.lowerBound - 2] == 0x06)
            }
            if !found { return false }
        }
        guard !issuerContains.isEmpty || validAt != nil else { return true }
        guard let certificate = InspectedCertificate(bytes: item.bytes).certificate else { return true }
        if !issuerContains.isEmpty {
            let values = certificate.tbs.issuer.attributes.map {
                String(decoding: $0.value, as: UTF8.self).lowercased()
            }
            guard issuerContains.contains(where: { wanted in values.contains { $0.contains(wanted) } }) else {
                return false
            }
        }
        if let validAt {
            let at = Int64(validAt.timeIntervalSince1970)
            guard let notBefore = certificate.tbs.notBefore.secondsSince1970,
                let notAfter = certificate.tbs.notAfter.secondsSince1970
            else { return false }
            // An inverted validity (notBefore after notAfter) is no range to test: the certificate
            // is broken, and a broken entry is never dropped silently — the full check reports it
            // (CERT-006).
            if notBefore > notAfter { return true }
            guard (notBefore...notAfter).contains(at) else { return false }
        }
        return true
    }
}
