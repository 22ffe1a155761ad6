#include "crash_marker.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static int crash_fd = -1;
static _Thread_local long current_item = -1;
static _Thread_local int has_alternate_stack = 0;

/// One slot per worker thread for the watchdog: the item and when its check started.
#define SLOTS 256
static _Atomic long slot_item[SLOTS];
static _Atomic long long slot_started[SLOTS];
static _Atomic int slots_used = 0;
static _Thread_local int my_slot = -1;
static long long budget_ns = 0;

static long long now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static size_t format_long(char *out, long value) {
    char digits[24];
    size_t count = 0;
    int negative = value < 0;
    unsigned long magnitude = negative ? (unsigned long)(-(value + 1)) + 1 : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0 && count < sizeof digits);
    size_t length = 0;
    if (negative) out[length++] = '-';
    while (count > 0) out[length++] = digits[--count];
    return length;
}

/// Writes "<item> <signal>\n" to the crash file (async-signal-safe).
static void mark(long item, int signal_number) {
    if (crash_fd < 0 || item < 0) return;
    char line[64];
    size_t length = format_long(line, item);
    line[length++] = ' ';
    length += format_long(line + length, signal_number);
    line[length++] = '\n';
    ssize_t written = write(crash_fd, line, length);
    (void)written;
}

static void on_fatal_signal(int signal_number) {
    mark(current_item, signal_number);
    struct sigaction restore;
    memset(&restore, 0, sizeof restore);
    restore.sa_handler = SIG_DFL;
    sigemptyset(&restore.sa_mask);
    sigaction(signal_number, &restore, NULL);
    raise(signal_number);
}

void ta_crash_marker_install(int fd) {
    crash_fd = fd;
    static const int fatal[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_fatal_signal;
        action.sa_flags = SA_ONSTACK | SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(fatal[i], &action, NULL);
    }
}

void ta_crash_marker_begin(long index) {
    if (!has_alternate_stack) {
        stack_t stack;
        memset(&stack, 0, sizeof stack);
        stack.ss_size = 64 * 1024;
        stack.ss_sp = malloc(stack.ss_size);
        if (stack.ss_sp != NULL && sigaltstack(&stack, NULL) == 0) has_alternate_stack = 1;
    }
    current_item = index;
    if (budget_ns > 0) {
        if (my_slot < 0) {
            int claimed = atomic_fetch_add(&slots_used, 1);
            my_slot = claimed < SLOTS ? claimed : SLOTS;
        }
        if (my_slot < SLOTS) {
            atomic_store(&slot_started[my_slot], now_ns());
            atomic_store(&slot_item[my_slot], index);
        }
    }
}

void ta_crash_marker_end(void) {
    current_item = -1;
    if (my_slot >= 0 && my_slot < SLOTS) atomic_store(&slot_item[my_slot], -1);
}

static void *watch(void *unused) {
    (void)unused;
    for (;;) {
        struct timespec pause = {0, 100 * 1000 * 1000};
        nanosleep(&pause, NULL);
        int used = atomic_load(&slots_used);
        if (used > SLOTS) used = SLOTS;
        long long now = now_ns();
        for (int i = 0; i < used; i++) {
            long item = atomic_load(&slot_item[i]);
            if (item < 0 || now - atomic_load(&slot_started[i]) < budget_ns) continue;
            mark(item, SIGKILL);
            raise(SIGKILL);
        }
    }
    return NULL;
}

void ta_crash_marker_watch(double seconds) {
    if (seconds <= 0) return;
    budget_ns = (long long)(seconds * 1e9);
    for (int i = 0; i < SLOTS; i++) atomic_store(&slot_item[i], -1);
    pthread_t thread;
    if (pthread_create(&thread, NULL, watch, NULL) == 0) pthread_detach(thread);
}

void ta_die_with_parent(int parent) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(2);
#else
    (void)parent;
#endif
}
