import Certificates
import SwiftASN1

/// The TSTInfo of an RFC 3161 token (§2.4.2), each field with what the rules need to judge it.
public struct TSTInfo: Sendable {
    public struct MessageImprint: Sendable {
        public var algorithm: ASN1ObjectIdentifier
        public var hashedMessage: [UInt8]
    }

    /// Accuracy in seconds, milliseconds and microseconds (absent parts are nil).
    public struct Accuracy: Sendable {
        public var seconds: Int?
        public var millis: Int?
        public var micros: Int?

        /// Total in microseconds; nil when it does not fit an `Int` (the parts are artefact
        /// data: seconds near 2^62 must be a finding, not an overflow trap).
        public var totalMicros: Int? {
            let (s, sOverflow) = (seconds ?? 0).multipliedReportingOverflow(by: 1_000_000)
            let (m, mOverflow) = (millis ?? 0).multipliedReportingOverflow(by: 1_000)
            let (sm, smOverflow) = s.addingReportingOverflow(m)
            let (total, totalOverflow) = sm.addingReportingOverflow(micros ?? 0)
            return sOverflow || mOverflow || smOverflow || totalOverflow ? nil : total
        }

        /// The parts as written, for evidence when ``totalMicros`` cannot be formed.
        public var partsDescription: String {
            "seconds \(seconds.map(String.init) ?? "absent"), millis \(millis.map(String.init) ?? "absent"), micros \(micros.map(String.init) ?? "absent")"
        }
    }

    /// A TSTInfo extension.
    public struct Extension: Sendable {
        public var oid: ASN1ObjectIdentifier
        public var critical: Bool
        public var value: ArraySlice<UInt8>
    }

    public var version: Int?
    public var policy: ASN1ObjectIdentifier
    public var messageImprint: MessageImprint
    public var serialNumber: ArraySlice<UInt8>
    /// genTime's characters, e.g. `20260601120000.5Z`.
    public var genTimeText: String
    /// genTime in seconds since 1970 (fraction dropped), when readable.
    public var genTime: Int64?
    public var accuracy: Accuracy?
    /// The ordering flag as encoded; nil when absent (DEFAULT FALSE).
    public var ordering: Bool?
    public var nonce: ArraySlice<UInt8>?
    /// The tsa GeneralName ([0] EXPLICIT), undecoded.
    public var tsa: ArraySlice<UInt8>?
    public var extensions: [Extension]

    static let esi4QtstStatement: ASN1ObjectIdentifier = [0, 4, 0, 19422, 1, 1]

    init(der: ArraySlice<UInt8>) throws(TimestampError) {
        guard let root = try? BER.parse(der), case .constructed(let nodes) = root.content else {
            throw .unexpectedStructure("TSTInfo is not a SEQUENCE", at: "TSTInfo")
        }
        var fields = Array(nodes)[...]
        func take(_ name: String) throws(TimestampError) -> ASN1Node {
            guard let node = fields.popFirst() else {
                throw .unexpectedStructure("\(name) missing", at: "TSTInfo.\(name)")
            }
            return node
        }
        version = LenientASN1.integer(try take("version"))
        guard let policy = LenientASN1.oid(try take("policy")) else {
            throw .unexpectedStructure("policy is not an OBJECT IDENTIFIER", at: "TSTInfo.policy")
        }
        self.policy = policy
        let imprint = LenientASN1.children(try take("messageImprint"))
        guard imprint.count == 2, let algorithm = LenientASN1.children(imprint[0]).first.flatMap(LenientASN1.oid),
            case .primitive(let hash) = imprint[1].content
        else { throw .unexpectedStructure("messageImprint is malformed", at: "TSTInfo.messageImprint") }
        messageImprint = MessageImprint(algorithm: algorithm, hashedMessage: Array(hash))
        guard case .primitive(let serial) = try take("serialNumber").content else {
            throw .unexpectedStructure("serialNumber is not an INTEGER", at: "TSTInfo.serialNumber")
        }
        serialNumber = serial
        let time = try take("genTime")
        guard time.identifier == .generalizedTime, case .primitive(let text) = time.content else {
            throw .unexpectedStructure("genTime is not a GeneralizedTime", at: "TSTInfo.genTime")
        }
        genTimeText = String(decoding: text, as: UTF8.self)
        genTime = Self.seconds(genTimeText)
        accuracy = nil
        ordering = nil
        nonce = nil
        tsa = nil
        extensions = []
        for node in fields {
            switch (node.identifier.tagClass, node.identifier.tagNumber, node.identifier) {
            case (_, _, .sequence):
                var accuracy = Accuracy()
                for part in LenientASN1.children(node) {
                    if part.identifier == .integer { accuracy.seconds = LenientASN1.integer(part) }
                    if part.identifier.tagClass == .contextSpecific, case .primitive(let bytes) = part.content {
                        let value = bytes.reduce(0) { $0 << 8 | Int($1) }
                        if part.identifier.tagNumber == 0 { accuracy.millis = value } else { accuracy.micros = value }
                    }
                }
                self.accuracy = accuracy
            case (_, _, .boolean):
                if case .primitive(let flag) = node.content { ordering = flag.contains { $0 != 0 } }
            case (_, _, .integer):
                if case .primitive(let bytes) = node.content { nonce = bytes }
            case (.contextSpecific, 0, _):
                tsa = node.encodedBytes
            case (.contextSpecific, 1, _):
                extensions = LenientASN1.children(node).compactMap { ext in
                    let parts = LenientASN1.children(ext)
                    guard let oid = parts.first.flatMap(LenientASN1.oid),
                        case .primitive(let value)? = parts.last?.content
                    else { return nil }
                    let critical =
                        parts.count == 3
                        && { if case .primitive(let b) = parts[1].content { b.contains { $0 != 0 } } else { false } }()
                    return Extension(oid: oid, critical: critical, value: value)
                }
            default: break
            }
        }
    }

    /// `YYYYMMDDHHMMSS[.f]Z` to seconds (lenient; TST-037 judges the form).
    static func seconds(_ text: String) -> Int64? {
        let c = Array(text.utf8)
        func n(_ from: Int, _ count: Int) -> Int? { CertificateTime.decimal(c, from, count) }
        guard let y = n(0, 4), let mo = n(4, 2), let d = n(6, 2), let h = n(8, 2), let mi = n(10, 2) else { return nil }
        let s = n(12, 2) ?? 0
        return Int64(CertificateTime.daysSince1970(year: y, month: mo, day: d)) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }
}
