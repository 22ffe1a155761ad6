import AuditCore
import Digests
import Foundation

/// Certificate Transparency entries as items: RFC 6962 `get-entries` pages (JSON), binary
/// MerkleTreeLeaf files, and static-ct-api data tiles. Each entry becomes the certificate it
/// logs — the leaf certificate of an x509_entry, the pre-certificate of a precert_entry — with a
/// locator naming the entry type, its index and its RFC 6962 leaf hash; an entry that cannot be
/// read, or whose parts disagree, becomes an item with that problem.
public enum CTEntries {
    enum Kind: String {
        case x509 = "x509_entry"
        case precert = "precert_entry"
    }

    /// One entry, ready to be an item.
    struct Entry {
        var kind: Kind?
        /// "log index 1234" or "entry 3 of the page".
        var position: String
        var leafHash: [UInt8]?
        var certificate: [UInt8]
        var problem: String?
        /// The chain the log stored with the entry (get-entries `extra_data`), issuer first.
        var chain: [[UInt8]] = []

        func locator(_ name: String, _ ordinal: Int) -> String {
            var parts = [kind?.rawValue ?? "entry", position]
            if let leafHash { parts.append("leaf " + Hex.string(leafHash)) }
            return "\(name)#\(ordinal) (\(parts.joined(separator: ", ")))"
        }
    }

    /// The RFC 6962 leaf hash a CT item's locator names (`…, leaf <64 hex>)`), or nil.
    public static func leafHash(inSource source: String) -> [UInt8]? {
        guard let range = source.range(of: ", leaf ", options: .backwards) else { return nil }
        let hex = source[range.upperBound...].prefix(64)
        return hex.count == 64 ? Hex.bytes(hex) : nil
    }

    // MARK: recognition

    /// A `get-entries` response: a JSON object with an `entries` array of leaf_input/extra_data.
    static func isPage(_ probe: [UInt8]) -> Bool {
        guard let first = probe.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == 0x7B else {
            return false
        }
        return ByteSearch.contains(Array("\"leaf_input\"".utf8), in: probe)
            || ByteSearch.contains(Array("\"entries\"".utf8), in: probe)
    }

    /// The start of a TimestampedEntry: a plausible millisecond timestamp (2004 … 2106), entry
    /// type 0 or 1, then for x509 a uint24 length announcing a DER SEQUENCE, for a precert 32
    /// bytes of key hash then the same.
    static func isTimestampedEntry(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count > 16 else { return false }
        let b = Array(bytes.prefix(50))
        guard b[0] == 0, b[1] == 0, (0x01...0x0F).contains(b[2]), b[8] == 0, b[9] <= 1 else { return false }
        let at = b[9] == 0 ? 10 : 42
        guard b.count > at + 4 else { return false }
        let length = Int(b[at]) << 16 | Int(b[at + 1]) << 8 | Int(b[at + 2])
        return length > 0 && b[at + 3] == 0x30 && length < bytes.count
    }

    /// A binary MerkleTreeLeaf (version 0, timestamped_entry) as `leaf_input` holds it.
    static func isLeaf(_ bytes: [UInt8]) -> Bool {
        bytes.count > 18 && bytes[0] == 0 && bytes[1] == 0 && isTimestampedEntry(bytes[2...])
    }

    /// A static-ct-api data tile: TimestampedEntries without the two leading bytes.
    static func isTile(_ bytes: [UInt8]) -> Bool { isTimestampedEntry(bytes[...]) }

    // MARK: parsing

    struct TimestampedEntry {
        var kind: Kind
        /// The whole TimestampedEntry as stored (hashed into the leaf hash).
        var bytes: ArraySlice<UInt8>
        var certificate: ArraySlice<UInt8>?
        var issuerKeyHash: ArraySlice<UInt8>?
        var tbs: ArraySlice<UInt8>?
        var leafIndex: Int?
    }

    private struct Cursor {
        var bytes: ArraySlice<UInt8>
        var position: Int

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var atEnd: Bool { position >= bytes.endIndex }

        mutating func take(_ count: Int) throws(PipelineError) -> ArraySlice<UInt8> {
            guard count >= 0, position + count <= bytes.endIndex else {
                throw PipelineError.unreadableInput("truncated entry")
            }
            defer { position += count }
            return bytes[position..<(position + count)]
        }

        mutating func number(_ width: Int) throws(PipelineError) -> Int {
            try take(width).reduce(0) { $0 << 8 | Int($1) }
        }

        mutating func vector(_ width: Int) throws(PipelineError) -> ArraySlice<UInt8> { try take(number(width)) }

        /// The first length-prefixed vector of a fresh cursor.
        func vectorCopy(_ width: Int) throws(PipelineError) -> ArraySlice<UInt8> {
            var copy = self
            return try copy.vector(width)
        }
    }

    private static func timestampedEntry(_ cursor: inout Cursor) throws(PipelineError) -> TimestampedEntry {
        let start = cursor.position
        _ = try cursor.take(8)
        let type = try cursor.number(2)
        var entry: TimestampedEntry
        switch type {
        case 0:
            let certificate = try cursor.vector(3)
            entry = TimestampedEntry(kind: .x509, bytes: [], certificate: certificate)
        case 1:
            let keyHash = try cursor.take(32)
            let tbs = try cursor.vector(3)
            entry = TimestampedEntry(kind: .precert, bytes: [], issuerKeyHash: keyHash, tbs: tbs)
        default:
            throw PipelineError.unreadableInput("entry type \(type) is neither x509_entry (0) nor precert_entry (1)")
        }
        var extensions = Cursor(try cursor.vector(2))
        while !extensions.atEnd {
            let extensionType = try extensions.number(1)
            let data = try extensions.vector(2)
            if extensionType == 0, data.count == 5 { entry.leafIndex = data.reduce(0) { $0 << 8 | Int($1) } }
        }
        entry.bytes = cursor.bytes[start..<cursor.position]
        return entry
    }

    static func sha256(_ parts: [ArraySlice<UInt8>]) -> [UInt8] { SHA256.digest(parts) }

    /// The entries of a `get-entries` page; `start` is the log index of its first entry when the
    /// file name says it (RFC 6962 §4.6 pages carry no index of their own).
    static func page(_ bytes: [UInt8], start: Int? = nil) -> Result<[Entry], PipelineError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let entries = object["entries"] as? [[String: Any]]
        else { return .failure(PipelineError.unreadableInput("not a get-entries response (no \"entries\" array)")) }
        return .success(
            entries.enumerated().map { ordinal, entry in
                let position: String
                if let start {
                    // The start comes from the file name: start=9223372036854775807 must not trap.
                    let (index, overflow) = start.addingReportingOverflow(ordinal)
                    position =
                        overflow
                        ? "entry \(ordinal) of the page (start \(start) from the file name + \(ordinal) is beyond any log index)"
                        : "log index \(index)"
                } else {
                    position = "entry \(ordinal) of the page"
                }
                guard let leafText = entry["leaf_input"] as? String,
                    let leaf = Data(base64Encoded: leafText).map({ [UInt8]($0) })
                else {
                    return Entry(position: position, certificate: [], problem: "leaf_input is missing or not base64")
                }
                let extra = (entry["extra_data"] as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
                return logEntry(leaf: leaf, extraData: extra, position: position)
            })
    }

    /// One RFC 6962 entry from its `leaf_input` (MerkleTreeLeaf) and `extra_data`.
    static func logEntry(leaf: [UInt8], extraData: [UInt8]?, position: String) -> Entry {
        let hash = sha256([[0x00], leaf[...]])
        var entry = Entry(position: position, leafHash: hash, certificate: [])
        do throws(PipelineError) {
            var cursor = Cursor(leaf[...])
            let header = try cursor.take(2)
            guard header == [0, 0] else {
                throw PipelineError.unreadableInput(
                    "MerkleTreeLeaf version/leaf type \(Array(header)) is not v1 timestamped_entry")
            }
            let stamped = try timestampedEntry(&cursor)
            guard cursor.atEnd else {
                throw PipelineError.unreadableInput(
                    "\(leaf.count - (cursor.position - leaf.startIndex)) byte(s) after the MerkleTreeLeaf")
            }
            entry.kind = stamped.kind
            switch stamped.kind {
            case .x509:
                entry.certificate = Array(stamped.certificate ?? [])
                if let extraData, !extraData.isEmpty {
                    var chain = Cursor(try Cursor(extraData[...]).vectorCopy(3))
                    while !chain.atEnd { entry.chain.append(Array(try chain.vector(3))) }
                }
            case .precert:
                guard let extraData else {
                    throw PipelineError.unreadableInput(
                        "precert_entry without extra_data: the pre-certificate is in extra_data")
                }
                var extra = Cursor(extraData[...])
                let preCertificate = try extra.vector(3)
                var chain = Cursor(try extra.vector(3))
                var issuers: [ArraySlice<UInt8>] = []
                while !chain.atEnd { issuers.append(try chain.vector(3)) }
                entry.certificate = Array(preCertificate)
                entry.chain = issuers.map(Array.init)
                entry.problem = precertProblem(stamped, preCertificate: preCertificate, chain: issuers)
            }
        } catch {
            entry.problem = "CT entry: \(error.reason)"
        }
        return entry
    }

    /// The entries of a static-ct-api data tile (`tileNumber` when the path names it); `issuers`
    /// resolves the chain fingerprints to certificates where the dump holds them.
    static func tile(_ bytes: [UInt8], tileNumber: Int?, issuers: CTIssuerDirectory? = nil) -> [Entry] {
        var entries: [Entry] = []
        var cursor = Cursor(bytes[...])
        while !cursor.atEnd {
            let ordinal = entries.count
            do throws(PipelineError) {
                let stamped = try timestampedEntry(&cursor)
                let preCertificate = stamped.kind == .precert ? try cursor.vector(3) : nil
                let fingerprints = try cursor.vector(2)
                guard fingerprints.count % 32 == 0 else {
                    throw PipelineError.unreadableInput("chain fingerprints are not a multiple of 32 bytes")
                }
                // Checked: past the 256th entry of the last tile an Int can number, there is no index.
                let expected = tileNumber.flatMap { logIndex(tile: $0, ordinal: ordinal) }
                let index = stamped.leafIndex ?? expected
                var entry = Entry(
                    kind: stamped.kind, position: index.map { "log index \($0)" } ?? "entry \(ordinal) of the tile",
                    leafHash: sha256([[0x00, 0x00, 0x00], stamped.bytes]),
                    certificate: Array(preCertificate ?? stamped.certificate ?? []))
                if let issuers {
                    // The chain in the log's order, issuer first; a fingerprint the dump lacks ends it.
                    for start in stride(from: fingerprints.startIndex, to: fingerprints.endIndex, by: 32) {
                        guard let certificate = issuers.certificate(fingerprint: fingerprints[start..<start + 32])
                        else { break }
                        entry.chain.append(certificate)
                    }
                }
                if let expected, let stated = stamped.leafIndex, stated != expected {
                    entry.problem = "leaf_index \(stated) is not the entry's place in the tile (\(expected))"
                } else if let preCertificate {
                    entry.problem = precertProblem(
                        stamped, preCertificate: preCertificate, chain: entry.chain.map { $0[...] })
                }
                entries.append(entry)
            } catch {
                entries.append(
                    Entry(
                        position: "entry \(ordinal) of the tile", certificate: [],
                        problem: "data tile: \(error.reason); the rest of the tile cannot be read"))
                break
            }
        }
        if entries.count > 256 { entries[256].problem = "a data tile holds at most 256 entries" }
        return entries
    }

    /// The log index of entry `ordinal` of data tile `tile` (tile × 256 + ordinal), or nil when
    /// it does not fit an `Int`: the tile number comes from the path, which can name anything.
    static func logIndex(tile: Int, ordinal: Int) -> Int? {
        let (base, overflow) = tile.multipliedReportingOverflow(by: 256)
        let (index, carry) = base.addingReportingOverflow(ordinal)
        return overflow || carry ? nil : index
    }

    /// Why a precert entry's parts disagree (RFC 6962 §3.2): the logged TBSCertificate must be
    /// the pre-certificate's without the poison extension (issuer and authorityKeyIdentifier may
    /// change when a precertificate signing certificate signed it), and issuer_key_hash must be
    /// the SHA-256 of the final issuer's SubjectPublicKeyInfo.
    static func precertProblem(
        _ stamped: TimestampedEntry, preCertificate: ArraySlice<UInt8>, chain: [ArraySlice<UInt8>]
    ) -> String? {
        guard let logged = stamped.tbs.flatMap(DERLite.tbs),
            let preTBS = DERLite.tbsOfCertificate(preCertificate).flatMap(DERLite.tbs)
        else {
            return "precert_entry: the logged TBSCertificate or the pre-certificate cannot be read"
        }
        guard preTBS.extensions.contains(where: { Array($0.oid) == DERLite.poison }) else {
            return "precert_entry: the pre-certificate has no CT poison extension"
        }
        var differing: [String] = []
        if logged.serial != preTBS.serial { differing.append("serialNumber") }
        if logged.validity != preTBS.validity { differing.append("validity") }
        if logged.subject != preTBS.subject { differing.append("subject") }
        if logged.subjectPublicKeyInfo != preTBS.subjectPublicKeyInfo { differing.append("subjectPublicKeyInfo") }
        let skipped = [DERLite.poison, DERLite.authorityKeyIdentifier]
        let loggedExtensions = logged.extensions.filter { !skipped.contains(Array($0.oid)) }.map { Array($0.bytes) }
        let preExtensions = preTBS.extensions.filter { !skipped.contains(Array($0.oid)) }.map { Array($0.bytes) }
        if loggedExtensions != preExtensions { differing.append("extensions") }
        if logged.extensions.contains(where: { Array($0.oid) == DERLite.poison }) {
            differing.append("poison in the logged TBSCertificate")
        }
        var problems: [String] = []
        if !differing.isEmpty {
            problems.append(
                "the logged TBSCertificate is not the pre-certificate's (\(differing.joined(separator: ", ")) differ)")
        }
        if let keyHash = stamped.issuerKeyHash, !chain.isEmpty {
            // A precertificate signing certificate (CT EKU) stands between the CA and the precert.
            let signsPrecerts = chain[0].firstRange(of: DERLite.precertificateSigning) != nil
            let issuer = signsPrecerts && chain.count > 1 ? chain[1] : chain[0]
            if let spki = DERLite.tbsOfCertificate(issuer).flatMap(DERLite.tbs)?.subjectPublicKeyInfo,
                sha256([spki])[...] != keyHash
            {
                problems.append("issuer_key_hash is not the SHA-256 of the issuer's SubjectPublicKeyInfo")
            }
        }
        return problems.isEmpty ? nil : "precert_entry inconsistent: " + problems.joined(separator: "; ")
    }

    /// The log index of a saved page's first entry, from its file name: the `start=N` of the
    /// request URL (`get-entries?start=1000&end=1999`, as wget saves it) or a name that is
    /// `N-M` or `N` before its extension (`1000-1999.json`, `entries-1000-1999.json`).
    static func pageStart(inPath path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let range = name.range(of: "start=") {
            return Int(name[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
        }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        func isNumber(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        if isNumber(stem[...]) { return Int(stem) }
        // "…-N-M": the last two hyphen-separated parts are numbers, the first being the start.
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, isNumber(parts[parts.count - 2]), isNumber(parts[parts.count - 1]),
            let start = Int(parts[parts.count - 2]), let end = Int(parts[parts.count - 1]), end >= start
        else { return nil }
        return start
    }

    /// The data tile number a static-ct-api path names (`…/tile/data/x001/x234/067[.p/W]`).
    static func tileNumber(inPath path: String) -> Int? {
        guard let range = path.range(of: "/tile/data/") else { return nil }
        var groups = path[range.upperBound...].split(separator: "/")
        if let p = groups.firstIndex(where: { $0.hasSuffix(".p") || $0.contains(".p") }) {
            groups = Array(groups[...p])
        }
        var number = 0
        for group in groups {
            let digits = group.replacingOccurrences(of: "x", with: "").replacingOccurrences(of: ".p", with: "")
            guard digits.count == 3, let value = Int(digits) else { return nil }
            // The path is input: seven or more groups overflow an Int. Such a path names no tile
            // (static-ct-api leaf indices are 40-bit, so real paths have at most four groups).
            let (shifted, overflow) = number.multipliedReportingOverflow(by: 1000)
            let (next, carry) = shifted.addingReportingOverflow(value)
            guard !overflow, !carry else { return nil }
            number = next
        }
        // Nor does a number whose entries' log indices (number × 256 + 0…255) exceed an Int.
        guard !groups.isEmpty, logIndex(tile: number, ordinal: 255) != nil else { return nil }
        return number
    }
}
