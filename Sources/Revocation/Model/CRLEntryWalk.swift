import Certificates
import DERWalk

/// One revokedCertificates entry (RFC 5280 §5.1.2.6) as offsets.
public struct CRLEntry: Sendable, Hashable {
    public var element: TLV
    public var serialNumber: TLV
    public var revocationDate: TLV
    /// crlEntryExtensions, when present.
    public var extensions: TLV?
}

/// Walks revokedCertificates once, entry by entry, and keeps per requirement the count and the
/// first problems, plus a compact key per serial for duplicate detection and status look-ups.
/// Memory is 16 bytes per entry (the serial keys); no entry is materialised.
public struct CRLEntryWalk: Sendable {
    /// CRLReason values (RFC 5280 §5.3.1).
    public static let reasonNames = [
        0: "unspecified", 1: "keyCompromise", 2: "cACompromise", 3: "affiliationChanged", 4: "superseded",
        5: "cessationOfOperation", 6: "certificateHold", 8: "removeFromCRL", 9: "privilegeWithdrawn",
        10: "aACompromise",
    ]

    public private(set) var entryCount = 0
    /// Entries that carry crlEntryExtensions (they make the CRL a v2 CRL, RFC 5280 §5.1.2.1).
    public private(set) var entriesWithExtensions = 0
    /// Where the walk stopped on an entry it could not read, if it did.
    public private(set) var unreadable: RevocationError?
    /// REV-013: serials that are not positive or longer than 20 octets.
    public private(set) var serials = ProblemSample()
    /// REV-005: revocationDate encodings.
    public private(set) var revocationDates = ProblemSample()
    /// REV-014: a serial listed twice in one certificate issuer's scope.
    public private(set) var duplicates = ProblemSample()
    /// REV-016: reasonCode problems that break a "shall", and unspecified(0) (a "should").
    public private(set) var reasonCodes = ProblemSample()
    public private(set) var unspecifiedReasons = ProblemSample()
    /// REV-017, REV-018, REV-019.
    public private(set) var invalidityDates = ProblemSample()
    public private(set) var certificateIssuers = ProblemSample()
    public private(set) var entryExtensions = ProblemSample()
    /// How many entries carry each reasonCode value (index 0…10), and the first entry's offset.
    public private(set) var reasonCounts = [Int](repeating: 0, count: 11)
    public private(set) var reasonFirstOffsets = [Int](repeating: -1, count: 11)
    /// Entries whose scope is another issuer (certificateIssuer in an indirect CRL).
    public private(set) var otherIssuerEntries = 0
    /// Sorted (serial key, entry offset); serial keys of the CRL issuer's own scope are
    /// `SerialKey.of(serial)`, others are mixed with their certificate issuer.
    public private(set) var serialIndex: [SerialKey] = []

    /// A 32-bit key of a serial in a scope and the entry's 32-bit offset, packed in 8 bytes so a
    /// million-entry CRL indexes in 8 MB; a match is always confirmed on the serial's bytes.
    public struct SerialKey: Sendable, Hashable, Comparable {
        public let packed: UInt64

        /// - Parameters: hash: ``of(_:_:scope:)`` of the serial; offset: the entry's first octet (< 2³²).
        public init(hash: UInt64, offset: Int) {
            packed = UInt64(Self.fold(hash)) << 32 | UInt64(UInt32(truncatingIfNeeded: offset))
        }

        public var key: UInt32 { UInt32(truncatingIfNeeded: packed >> 32) }
        public var offset: Int { Int(packed & 0xFFFF_FFFF) }

        public static func < (a: SerialKey, b: SerialKey) -> Bool { a.packed < b.packed }

        /// The 32 bits of a 64-bit hash kept in the index.
        @inline(__always)
        public static func fold(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash ^ hash >> 32) }

        /// FNV-1a over the serial's content octets, mixed with the scope (0 = the CRL issuer).
        @inline(__always)
        public static func of(_ bytes: [UInt8], _ range: Range<Int>, scope: UInt64 = 0) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ scope
            for index in range {
                hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
            }
            return hash
        }
    }

    /// Walks `crl`'s entries. - Parameter keepIndex: keep ``serialIndex`` (status look-ups).
    public init(_ crl: CertificateList, keepIndex: Bool = false) {
        guard let list = crl.revokedCertificates else { return }
        let reader = crl.reader
        let bytes = reader.bytes
        let isDelta = crl.isDelta
        let indirect = crl.issuingDistributionPoint?.indirectCRL ?? false
        var scope: UInt64 = 0
        guard list.end <= Int(UInt32.max) else {
            unreadable = RevocationError(
                "the entries end beyond 4 GiB, past what the entry index can address", at: "byte \(list.contentStart)")
            return
        }
        var keys: [SerialKey] = []
        var index = list.contentStart
        while index < list.end {
            guard let entry = Self.entry(at: index, limit: list.end, reader) else {
                unreadable = RevocationError(
                    "revokedCertificates entry \(entryCount + 1) is not { userCertificate, revocationDate [, crlEntryExtensions] }",
                    at: "byte \(index)")
                break
            }
            entryCount += 1
            index = entry.element.end
            checkSerial(entry, bytes)
            checkDate(entry, reader)
            if let extensions = entry.extensions {
                entriesWithExtensions += 1
                checkExtensions(entry, extensions, reader, isDelta: isDelta, indirect: indirect, scope: &scope)
            }
            if scope != 0 { otherIssuerEntries += 1 }
            keys.append(
                SerialKey(
                    hash: SerialKey.of(bytes, entry.serialNumber.content, scope: scope), offset: entry.element.start))
        }
        keys.sort()
        findDuplicates(keys, reader)
        if keepIndex { serialIndex = keys }
    }

    /// The entry at `index`, read without allocating.
    @inline(__always)
    static func entry(at index: Int, limit: Int, _ reader: TLVReader) -> CRLEntry? {
        guard let element = reader.element(at: index, limit: limit), element.tag == 0x30,
            let serial = reader.element(at: element.contentStart, limit: element.end), serial.tag == 0x02,
            let date = reader.element(at: serial.end, limit: element.end), date.tag == 0x17 || date.tag == 0x18
        else { return nil }
        if date.end == element.end {
            return CRLEntry(element: element, serialNumber: serial, revocationDate: date, extensions: nil)
        }
        guard let extensions = reader.element(at: date.end, limit: element.end), extensions.tag == 0x30,
            extensions.end == element.end
        else {
            return nil
        }
        return CRLEntry(element: element, serialNumber: serial, revocationDate: date, extensions: extensions)
    }

    private mutating func checkSerial(_ entry: CRLEntry, _ bytes: [UInt8]) {
        let serial = entry.serialNumber
        let length = serial.end - serial.contentStart
        guard length >= 1 else {
            serials.add(serial.start) { ("empty INTEGER", "the serial number has no content octets") }
            return
        }
        let first = bytes[serial.contentStart]
        if first & 0x80 != 0 {
            serials.add(serial.start) {
                (
                    "negative serial \(Self.hex(bytes[serial.content]))",
                    "a certificate serial number is a positive integer (RFC 5280 §4.1.2.2)"
                )
            }
        } else if length == 1 && first == 0 {
            serials.add(serial.start) {
                (
                    "serial 0",
                    "a certificate serial number is a positive integer: 0 identifies no conforming certificate"
                )
            }
        } else if length > 20 {
            serials.add(serial.start) {
                ("\(length)-octet serial", "a certificate serial number is at most 20 octets (RFC 5280 §4.1.2.2)")
            }
        }
    }

    private mutating func checkDate(_ entry: CRLEntry, _ reader: TLVReader) {
        let date = entry.revocationDate
        // Fast path: a 13-character UTCTime ending in Z before 2050 is what nearly every entry holds.
        if date.tag == 0x17, date.end - date.contentStart == 13, reader.bytes[date.end - 1] == 0x5A,
            reader.bytes[date.contentStart] < 0x35
        {
            return
        }
        let time = CertificateTime(tag: date.tag, content: reader.content(date), offset: date.start)
        if let problem = time.rfc5280EncodingProblem {
            revocationDates.add(date.start) { ("\(time)", "revocationDate: \(problem)") }
        }
    }

    private mutating func checkExtensions(
        _ entry: CRLEntry, _ list: TLV, _ reader: TLVReader, isDelta: Bool, indirect: Bool, scope: inout UInt64
    ) {
        let bytes = reader.bytes
        var seen: [ArraySlice<UInt8>] = []
        var index = list.contentStart
        while index < list.end {
            guard let element = reader.element(at: index, limit: list.end), element.tag == 0x30,
                let oid = reader.element(at: element.contentStart, limit: element.end), oid.tag == 0x06,
                var value = reader.element(at: oid.end, limit: element.end)
            else {
                entryExtensions.add(index) {
                    ("unreadable Extension", "an entry extension is not { extnID, critical, extnValue }")
                }
                return
            }
            var critical = false
            if value.tag == 0x01 {
                critical = reader.boolean(value) ?? false
                guard let octets = reader.element(at: value.end, limit: element.end) else {
                    entryExtensions.add(index) { ("unreadable Extension", "an entry extension has no extnValue") }
                    return
                }
                value = octets
            }
            index = element.end
            let identifier = bytes[oid.content]
            if seen.contains(where: { $0.elementsEqual(identifier) }) {
                entryExtensions.add(element.start) {
                    (
                        "\(ObjectIdentifierText.dotted(identifier)) twice",
                        "an entry extension appears more than once (RFC 5280 §4.2 via §5.3)"
                    )
                }
            }
            seen.append(identifier)
            if identifier.elementsEqual(RevocationOID.reasonCode) {
                checkReason(element, value, critical, reader, isDelta: isDelta)
            } else if identifier.elementsEqual(RevocationOID.invalidityDate) {
                let date = reader.element(at: value.contentStart, limit: value.end)
                if critical || date?.tag != 0x18 {
                    invalidityDates.add(element.start) {
                        (
                            critical
                                ? "critical invalidityDate"
                                : "invalidityDate tag 0x\(Self.hex(bytes[value.contentStart..<min(value.end, value.contentStart + 1)]))",
                            "invalidityDate is a non-critical GeneralizedTime (RFC 5280 §5.3.2)"
                        )
                    }
                }
            } else if identifier.elementsEqual(RevocationOID.certificateIssuer) {
                if !indirect || !critical {
                    certificateIssuers.add(element.start) {
                        (
                            indirect
                                ? "non-critical certificateIssuer" : "certificateIssuer in a CRL that is not indirect",
                            indirect
                                ? "certificateIssuer is always critical (RFC 5280 §5.3.3)"
                                : "certificateIssuer may appear only in an indirect CRL, whose issuingDistributionPoint sets indirectCRL (RFC 5280 §5.3.3)"
                        )
                    }
                }
                scope = SerialKey.of(bytes, value.content, scope: 0x9E37_79B9_7F4A_7C15) | 1
            } else if critical {
                entryExtensions.add(element.start) {
                    (
                        "critical \(ObjectIdentifierText.dotted(identifier))",
                        "a critical entry extension that RFC 5280 §5.3 does not define: relying parties must reject the CRL"
                    )
                }
            }
        }
    }

    private mutating func checkReason(
        _ element: TLV, _ value: TLV, _ critical: Bool, _ reader: TLVReader, isDelta: Bool
    ) {
        guard let enumerated = reader.element(at: value.contentStart, limit: value.end), enumerated.tag == 0x0A,
            enumerated.end == value.end, let code = reader.smallInteger(enumerated)
        else {
            reasonCodes.add(element.start) {
                ("reasonCode not an ENUMERATED", "reasonCode holds a CRLReason ENUMERATED (RFC 5280 §5.3.1)")
            }
            return
        }
        if (0...10).contains(code) {
            reasonCounts[code] += 1
            if reasonFirstOffsets[code] < 0 { reasonFirstOffsets[code] = element.start }
        }
        if critical {
            reasonCodes.add(element.start) {
                ("critical reasonCode", "reasonCode is a non-critical extension (RFC 5280 §5.3.1)")
            }
        }
        switch code {
        case 0:
            unspecifiedReasons.add(element.start) {
                (
                    "reasonCode unspecified (0)",
                    "use no reasonCode instead of unspecified (RFC 5280 §5.3.1 \"SHOULD be absent\")"
                )
            }
        case 8 where !isDelta:
            reasonCodes.add(element.start) {
                (
                    "reasonCode removeFromCRL (8) in a complete CRL",
                    "removeFromCRL is used only in delta CRLs (RFC 5280 §5.2.4, §5.3.1)"
                )
            }
        case 1...6, 8...10: break
        default:
            reasonCodes.add(element.start) {
                ("reasonCode \(code)", "not a CRLReason value: 0–6 and 8–10 are defined, 7 is unused (RFC 5280 §5.3.1)")
            }
        }
    }

    /// Runs of equal keys in the sorted index; within a run (a duplicate, or two serials whose
    /// 32-bit keys collide) entries are compared on their serial's bytes.
    private mutating func findDuplicates(_ keys: [SerialKey], _ reader: TLVReader) {
        let bytes = reader.bytes
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].key == keys[start].key { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            let run = keys[start..<end].compactMap { Self.entry(at: $0.offset, limit: bytes.count, reader) }
            for (position, later) in run.enumerated() {
                guard
                    let first = run[..<position].first(where: {
                        bytes[$0.serialNumber.content].elementsEqual(bytes[later.serialNumber.content])
                    })
                else { continue }
                duplicates.add(later.element.start) {
                    (
                        "serial \(Self.hex(bytes[later.serialNumber.content])) at bytes \(first.element.start) and \(later.element.start)",
                        "the same certificate is listed twice: each revoked certificate appears once per issuer (RFC 5280 §5.1.2.6)"
                    )
                }
            }
        }
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String { bytes.map { ObjectIdentifierText.hex($0) }.joined() }
}
