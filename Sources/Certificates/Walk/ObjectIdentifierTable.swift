import SwiftASN1

/// Object identifiers keyed by their DER content octets, for identifiers of up to 16 octets.
///
/// A `Dictionary` keyed by `ArraySlice<UInt8>` feeds SipHash one octet at a time; the walking
/// decoder looks up every OID of every certificate (two dozen each), so this table packs the
/// octets into two words, hashes them with one multiplication and compares words.
struct ObjectIdentifierTable: Sendable {
    /// The content octets, little-endian in two words, and their number.
    struct Key: Equatable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count = 0

        /// Nil for content longer than 16 octets (no entry is).
        init?(_ content: ArraySlice<UInt8>) {
            guard content.count <= 16 else { return nil }
            count = content.count
            // One copy into two zeroed words, not a shift per octet: every OID is looked up.
            var words: (UInt64, UInt64) = (0, 0)
            content.withUnsafeBytes { octets in
                withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: octets) }
            }
            low = UInt64(littleEndian: words.0)
            high = UInt64(littleEndian: words.1)
        }

        func slot(_ mask: Int) -> Int {
            let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(count)) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: mixed >> 40) & mask
        }
    }

    /// Open addressing: one plus the index into `entries` per slot, 0 when the slot is free.
    private let slots: [Int32]
    private let entries: [(key: Key, value: ASN1ObjectIdentifier)]
    private let mask: Int

    /// - Parameter contents: content octets and the identifier they encode; later duplicates
    ///   and contents over 16 octets are left out.
    init(_ contents: [(content: [UInt8], oid: ASN1ObjectIdentifier)]) {
        var size = 16
        while size < contents.count * 3 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var entries: [(key: Key, value: ASN1ObjectIdentifier)] = []
        for (content, oid) in contents {
            guard let key = Key(content[...]) else { continue }
            var slot = key.slot(size - 1)
            var duplicate = false
            while slots[slot] != 0 {
                if entries[Int(slots[slot]) - 1].key == key {
                    duplicate = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            guard !duplicate else { continue }
            entries.append((key, oid))
            slots[slot] = Int32(entries.count)
        }
        self.slots = slots
        self.entries = entries
        mask = size - 1
    }

    subscript(content: ArraySlice<UInt8>) -> ASN1ObjectIdentifier? {
        guard let key = Key(content) else { return nil }
        var slot = key.slot(mask)
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if entries[entry].key == key { return entries[entry].value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Every identifier in the table.
    var values: [ASN1ObjectIdentifier] { entries.map(\.value) }
}
