#ifndef TRUSTAUDIT_CRASH_MARKER_H
#define TRUSTAUDIT_CRASH_MARKER_H

/// Crash containment for supervised runs: each worker thread records the index of the item it
/// is checking; a fatal signal (a Swift trap is SIGILL or SIGTRAP) writes "<index> <signal>\n"
/// to the file descriptor given at installation, then lets the process die as it would have.
/// Everything in the handler is async-signal-safe (write(2), sigaction, raise).

/// Opens nothing: `fd` must be an open, writable descriptor the supervisor reads afterwards.
void ta_crash_marker_install(int fd);

/// The calling thread starts checking item `index` (-1: none). Gives the thread an alternate
/// signal stack on first use, so a stack overflow is reported too.
void ta_crash_marker_begin(long index);

/// The calling thread finished its item.
void ta_crash_marker_end(void);

/// Starts a watchdog thread: an item checked for longer than `seconds` is written to the crash
/// file as "<index> 9" and the process kills itself (SIGKILL), for the supervisor to record the
/// item as over its time budget and restart after it.
void ta_crash_marker_watch(double seconds);

/// Linux: the calling process is killed when its parent (the supervisor, `parent`) dies, so a
/// killed supervisor leaves no worker writing behind it. Elsewhere: nothing.
void ta_die_with_parent(int parent);

#endif
