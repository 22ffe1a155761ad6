import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the writer of a temporary file (a shard, an output, a crashed child's) is still alive,
/// so that only the temporaries of dead writers are removed.
enum ProcessLiveness {
    /// Whether `pid` is a live process. A killed worker whose parent is gone can stay a zombie
    /// (no reaper in a container), which `kill(pid, 0)` still reports: its /proc state decides.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno != ESRCH else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}
