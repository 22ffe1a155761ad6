#include "crash_marker.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static int crash_fd = -1;
static _Thread_local long current_item = -1;
static _Thread_local int has_alternate_stack = 0;

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

static void on_fatal_signal(int signal_number) {
    if (crash_fd >= 0 && current_item >= 0) {
        char line[64];
        size_t length = format_long(line, current_item);
        line[length++] = ' ';
        length += format_long(line + length, signal_number);
        line[length++] = '\n';
        ssize_t written = write(crash_fd, line, length);
        (void)written;
    }
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
}

void ta_crash_marker_end(void) { current_item = -1; }

void ta_die_with_parent(int parent) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(2);
#else
    (void)parent;
#endif
}
