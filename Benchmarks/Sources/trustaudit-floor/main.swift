import AuditCore
import Certificates
import Digests
import Foundation
import Pipeline

// The floor the full check is measured against: the same input reading and parallel executor,
// then only what every record needs — decode the certificate into our model as the check does
// (the DER scan, then the walking decoder, or swift-asn1 for unclean bytes) and hash its bytes
// with OpenSSL — with no extension decoding, no rules and no output.
// Usage: trustaudit-floor [--jobs N] INPUT...
var arguments = Array(CommandLine.arguments.dropFirst())
var jobs = ProcessInfo.processInfo.activeProcessorCount
if let flag = arguments.firstIndex(of: "--jobs"), flag + 1 < arguments.count, let value = Int(arguments[flag + 1]) {
    jobs = value
    arguments.removeSubrange(flag...(flag + 1))
}
let reader = InputReader(paths: arguments)
let started = ContinuousClock.now
var items = 0
var decoded = 0
OrderedParallelExecutor(jobs: jobs).run(
    next: reader.next, size: { $0.bytes.count },
    transform: { item in
        let parsed = try? Certificate(decoding: item.bytes)
        return (SHA256.hex(item.bytes).utf8.count, parsed != nil)
    },
    emit: { _, ok in
        items += 1
        if ok { decoded += 1 }
    })
let elapsed = ContinuousClock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
    String(
        format: "floor jobs=%d: %d items (%d decoded) in %.3f s = %.0f items/s", jobs, items, decoded, seconds,
        Double(items) / seconds))
