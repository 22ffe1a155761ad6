import Digests
import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of xoshiro): a tiny PRNG whose
/// output depends only on its seed, so a sample is the same on any machine. The seed text is
/// hashed with SHA-256 and the first 8 bytes (big-endian) are the initial state.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: String) {
        let digest = SHA256.hex(Array(seed.utf8))
        state = UInt64(digest.prefix(16), radix: 16) ?? 0
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0...upper by rejection (no modulo bias).
    public mutating func uniform(through upper: UInt64) -> UInt64 {
        if upper == .max { return next() }
        let range = upper + 1
        let limit = UInt64.max - (UInt64.max % range)
        while true {
            let value = next()
            if value < limit { return value % range }
        }
    }
}
