#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds a byte string inside bytes with libc's `memchr` and `memcmp`: the generic
/// `firstRange(of:)` of the standard library costs hundreds of instructions per byte searched,
/// and the input probes and certificate names searched per item are kilobytes. (`memmem` is not
/// visible to Swift through Glibc without `_GNU_SOURCE`.)
public enum ByteSearch {
    /// The offset (from the start of `haystack`) of the first occurrence of `needle`, or nil.
    public static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard let first = needle.first else { return 0 }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        return needle.withUnsafeBytes { pattern -> Int? in
            let last = haystack.count - needle.count // the last offset where the needle fits
            var offset = 0
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                let candidate = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + candidate, pattern.baseAddress!, pattern.count) == 0 { return candidate }
                offset = candidate + 1
            }
            return nil
        }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { firstOffset(of: needle, in: $0) != nil }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        haystack.withUnsafeBytes { firstOffset(of: needle, in: $0) != nil }
    }
}
