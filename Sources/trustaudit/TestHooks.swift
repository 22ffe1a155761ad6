import Certificates
import Digests
import Foundation

/// Test-only ways to reach code paths no correct checker reaches. Compiled into debug builds
/// only: a release binary has no hook.
enum TestHooks {
    #if DEBUG
        /// `TRUSTAUDIT_TEST_TRAP_SHA256=<hex>`: checking the item with that SHA-256 traps, as a
        /// checker bug would (for the crash-containment test).
        static let trapSHA256: String? = ProcessInfo.processInfo.environment["TRUSTAUDIT_TEST_TRAP_SHA256"]
        /// `TRUSTAUDIT_TEST_SLOW_SHA256=<hex>`: checking that item hangs (for the time budget test).
        static let slowSHA256: String? = ProcessInfo.processInfo.environment["TRUSTAUDIT_TEST_SLOW_SHA256"]
    #else
        static let trapSHA256: String? = nil
        static let slowSHA256: String? = nil
    #endif

    @inline(__always)
    static func trapIfRequested(_ bytes: [UInt8], _ sha256: String?) {
        #if DEBUG
            if let sha256, SHA256.hex(bytes) == sha256 {
                let values: [Int] = []
                _ = values[bytes.count] // an out-of-range index: the runtime traps (SIGILL/SIGTRAP)
            }
            if let slowSHA256, SHA256.hex(bytes) == slowSHA256 {
                while true { sleep(3600) }
            }
        #endif
    }
}
