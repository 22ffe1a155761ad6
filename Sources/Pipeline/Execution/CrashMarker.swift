internal import CCrashMarker

/// The worker side of crash containment: each worker thread says which item it checks, and a
/// fatal signal writes that item's index and the signal to the supervisor's crash file before
/// the process dies (see ``Supervisor``).
public enum CrashMarker {
    /// Installs the fatal-signal handlers; `fileDescriptor` stays open for the process's life.
    public static func install(fileDescriptor: Int32) { ta_crash_marker_install(fileDescriptor) }

    /// The calling thread starts checking the item at `index` (input order).
    public static func begin(_ index: Int) { ta_crash_marker_begin(index) }

    /// The calling thread finished its item.
    public static func end() { ta_crash_marker_end() }

    /// Watches every item's check: one that takes longer than `seconds` ends the process, marked
    /// for the supervisor as over the budget.
    public static func watch(seconds: Double) { ta_crash_marker_watch(seconds) }

    /// The process dies with its supervisor (`parent`), on Linux.
    public static func dieWithParent(_ parent: Int32) { ta_die_with_parent(parent) }
}
