import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash containment for a run: the command runs again in a child process, which does all the
/// work; when a checker bug traps on an item, the child dies and the supervisor starts a new
/// child that records that item as a checker crash (outcome `error`) instead of checking it, and
/// goes on. Records the crashed child already wrote to standard output are not written twice:
/// the run is deterministic, so the new child's first lines are the same and are dropped.
///
/// Items in = records out holds whatever the checkers do; the cost is one more process, and a
/// pipe for standard output when it is a pipe or a terminal (a regular file or /dev/null is
/// written by the children directly: see `DirectOutput`).
public struct Supervisor: Sendable {
    /// One item that crashed a child: its index in input order and the fatal signal.
    public struct Crash: Sendable, Hashable {
        public let index: Int
        public let signal: Int32

        /// `SIGILL (a Swift runtime trap)`, `SIGSEGV`, … or the time budget.
        public var signalName: String {
            signal == SIGKILL
                ? "over the per-item time budget: the check was stopped" : Self.names[signal] ?? "signal \(signal)"
        }

        /// A check stopped by the watchdog, not a crash.
        public var isTimeout: Bool { signal == SIGKILL }

        static let names: [Int32: String] = [
            SIGILL: "SIGILL (a Swift runtime trap)", SIGTRAP: "SIGTRAP (a Swift runtime trap)", SIGABRT: "SIGABRT",
            SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
        ]
    }

    /// Environment of a supervised child: its supervisor's pid, the crash file, the known crashes.
    static let parentVariable = "TRUSTAUDIT_SUPERVISOR"
    static let crashFileVariable = "TRUSTAUDIT_CRASH_FILE"
    static let crashesVariable = "TRUSTAUDIT_CRASHED_ITEMS"

    /// True in a child process started by a supervisor.
    public static var isSupervisedChild: Bool { ProcessInfo.processInfo.environment[parentVariable] != nil }

    /// In a supervised child: installs the crash marker on the supervisor's crash file, ties the
    /// child's life to the supervisor, starts the watchdog of the per-item time budget (seconds;
    /// 0 for none), and returns the items known to crash (by index).
    public static func prepareChild(itemTimeLimit: Double) -> [Int: Crash] {
        let environment = ProcessInfo.processInfo.environment
        if let parent = environment[parentVariable].flatMap({ Int32($0) }) { CrashMarker.dieWithParent(parent) }
        if let path = environment[crashFileVariable] {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            if descriptor >= 0 {
                CrashMarker.install(fileDescriptor: descriptor)
                CrashMarker.watch(seconds: itemTimeLimit)
            }
        }
        return parse(environment[crashesVariable] ?? "")
    }

    /// `index:signal,index:signal`.
    static func parse(_ text: String) -> [Int: Crash] {
        var crashes: [Int: Crash] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let index = Int(parts[0]), index >= 0, let signal = Int32(parts[1]) else {
                continue
            }
            crashes[index] = Crash(index: index, signal: signal)
        }
        return crashes
    }

    static func format(_ crashes: [Crash]) -> String {
        crashes.sorted { $0.index < $1.index }.map { "\($0.index):\($0.signal)" }.joined(separator: ",")
    }

    /// Signals that mean the checker crashed (anything else, e.g. SIGINT or SIGKILL, ends the run).
    static let fatalSignals: Set<Int32> = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    public let arguments: [String]
    /// Pipe the child's standard output through the supervisor (needed to drop repeated lines);
    /// false when the evidence goes to a file the child rewrites itself.
    public let forwardsStandardOutput: Bool
    /// At most this many crashes are contained in one run.
    public let maximumCrashes: Int

    public init(arguments: [String], forwardsStandardOutput: Bool, maximumCrashes: Int = 1000) {
        self.arguments = arguments
        self.forwardsStandardOutput = forwardsStandardOutput
        self.maximumCrashes = maximumCrashes
    }

    /// What the supervised run ended with.
    public enum Ending: Sendable, Equatable {
        /// The last child exited with this status.
        case exited(Int32)
        /// A child was ended by a signal that is not a crash of the checker (e.g. SIGINT).
        case signalled(Int32)
        /// The run could not be contained (spawn failed, a crash outside any item, too many).
        case failed(String)
    }

    /// Where a child may write the evidence itself instead of through the supervisor's pipe:
    /// the forwarding copied every record twice more (0.2 s of system time for 272 MB of full
    /// evidence, 12 % of a one-job run).
    enum DirectOutput: Equatable {
        /// Standard output is a regular file the run appends to from `start` (its end when the
        /// run began): after a crash it is cut back to `start` and the next child writes it all.
        case file(start: Int64)
        /// Standard output is /dev/null: a restarted child's repeated lines go nowhere.
        case discarded
    }

    /// How standard output can take the children's output directly, or nil when it must be
    /// forwarded (a pipe, a terminal, a file written from the middle).
    static func directOutput() -> DirectOutput? {
        var output = stat()
        guard fstat(STDOUT_FILENO, &output) == 0 else { return nil }
        if output.st_mode & S_IFMT == S_IFREG {
            let appends = fcntl(STDOUT_FILENO, F_GETFL) & O_APPEND != 0
            let offset = lseek(STDOUT_FILENO, 0, SEEK_CUR)
            // Only at the end: cutting back must never remove bytes that were there before.
            guard offset >= 0, appends || Int64(offset) == Int64(output.st_size) else { return nil }
            return .file(start: Int64(output.st_size))
        }
        var null = stat()
        if output.st_mode & S_IFMT == S_IFCHR, stat("/dev/null", &null) == 0, output.st_rdev == null.st_rdev {
            return .discarded
        }
        return nil
    }

    /// Runs children until one finishes; `report` hears of every contained crash.
    public func run(report: (Crash) -> Void) -> Ending {
        var crashes: [Crash] = []
        var linesWritten = 0
        let direct = forwardsStandardOutput ? Self.directOutput() : nil
        let crashFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("trustaudit-crash-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        defer { unlink(crashFile) }
        while true {
            guard Self.createEmpty(crashFile) else { return .failed("cannot create the crash file \(crashFile)") }
            var environment = ProcessInfo.processInfo.environment
            environment[Self.parentVariable] = String(getpid())
            environment[Self.crashFileVariable] = crashFile
            environment[Self.crashesVariable] = Self.format(crashes)
            let child: SpawnedChild
            switch SpawnedChild.start(
                arguments: arguments, environment: environment,
                pipeStandardOutput: forwardsStandardOutput && direct == nil)
            {
            case .success(let started): child = started
            case .failure(let problem): return .failed(problem.reason)
            }
            if let output = child.standardOutput {
                linesWritten = Self.forward(from: output, skippingLines: linesWritten)
                close(output)
            }
            let status = child.wait()
            switch status {
            case .exited(let code): return .exited(code)
            case .signalled(let signal):
                let text = (try? String(contentsOfFile: crashFile, encoding: .utf8)) ?? ""
                let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
                // SIGKILL with a marked item is the watchdog's; any other SIGKILL, SIGINT, … ends the run.
                let marked = fields.count >= 2 && Int32(fields[1]) == signal
                guard Self.fatalSignals.contains(signal) || (signal == SIGKILL && marked) else {
                    return .signalled(signal)
                }
                guard fields.count >= 2, let index = Int(fields[0]), index >= 0 else {
                    return .failed(
                        "the checker crashed (\(Crash(index: -1, signal: signal).signalName)) outside any item; nothing to skip"
                    )
                }
                let crash = Crash(index: index, signal: signal)
                guard !crashes.contains(where: { $0.index == index }) else {
                    return .failed("item \(index) crashed the checker again although it was skipped")
                }
                guard crashes.count < maximumCrashes else {
                    return .failed("more than \(maximumCrashes) items crashed the checker")
                }
                if case .file(let start) = direct {
                    // The next child writes every record again: the crashed one's are cut off.
                    guard ftruncate(STDOUT_FILENO, off_t(start)) == 0,
                        lseek(STDOUT_FILENO, off_t(start), SEEK_SET) >= 0
                    else {
                        return .failed("cannot cut the evidence back to before the crash: errno \(errno)")
                    }
                }
                crashes.append(crash)
                report(crash)
            }
        }
    }

    private static func createEmpty(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Copies the child's output to our standard output, dropping its first `skip` lines (the
    /// ones an earlier child already wrote); returns how many complete lines have now been
    /// written in all.
    static func forward(from descriptor: Int32, skippingLines skip: Int) -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var toSkip = skip
        var lines = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            var start = 0
            buffer.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                while toSkip > 0, start < count, let newline = bytes[start..<count].firstIndex(of: 0x0A) {
                    start = newline + 1
                    toSkip -= 1
                    lines += 1
                }
                if toSkip > 0 {
                    start = count // inside a line already written: drop it all
                    return
                }
                // memchr: this runs over every byte a run writes.
                var cursor = raw.baseAddress! + start
                let end = raw.baseAddress! + count
                while cursor < end, let newline = memchr(cursor, 0x0A, end - cursor) {
                    lines += 1
                    cursor = UnsafeRawPointer(newline) + 1
                }
                var offset = start
                while offset < count {
                    let written = write(STDOUT_FILENO, raw.baseAddress! + offset, count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
        return max(lines, skip)
    }
}

/// A child process of the supervisor.
struct SpawnedChild {
    let pid: pid_t
    /// The read end of the child's standard output, when piped.
    let standardOutput: Int32?

    enum Status {
        case exited(Int32)
        case signalled(Int32)
    }

    static func start(arguments: [String], environment: [String: String], pipeStandardOutput: Bool) -> Result<
        SpawnedChild, PipelineError
    > {
        let executable = "/proc/self/exe"
        let path = FileManager.default.fileExists(atPath: executable) ? executable : CommandLine.arguments[0]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if pipeStandardOutput {
            guard pipe(&pipeEnds) == 0 else {
                return .failure(PipelineError.process("cannot create a pipe: errno \(errno)"))
            }
            #if os(Linux)
                // A full run writes ~14 KB a record: with the default 64 KiB pipe the child blocks
                // and the two processes switch every few records. A failure keeps the default.
                // 1031 is F_SETPIPE_SZ, which Glibc hides behind _GNU_SOURCE.
                _ = fcntl(pipeEnds[1], 1031, Int32(1 << 20))
            #endif
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        if pipeStandardOutput { close(pipeEnds[1]) }
        guard result == 0 else {
            if pipeStandardOutput { close(pipeEnds[0]) }
            return .failure(PipelineError.process("cannot start \(path): errno \(result)"))
        }
        return .success(SpawnedChild(pid: pid, standardOutput: pipeStandardOutput ? pipeEnds[0] : nil))
    }

    func wait() -> Status {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WTERMSIG are macros: the low 7 bits hold the signal, 0 when exited.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
