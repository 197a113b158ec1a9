// sched_setattr(2) and sched_getattr(2) for the calling thread. Glibc 2.36 has no wrappers, and Swift does not import
// C's variadic syscall(2), so the calls are made here; the struct is the kernel's SCHED_ATTR_SIZE_VER0 layout.
#define _GNU_SOURCE
#include "CSchedulerSlice.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct invsync_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
};

#define INVSYNC_SCHED_FLAG_RESET_ON_FORK 0x01

static int get_attributes(struct invsync_sched_attr *attributes) {
#ifdef SYS_sched_getattr
    memset(attributes, 0, sizeof *attributes);
    return (int)syscall(SYS_sched_getattr, 0, attributes, (unsigned int)sizeof *attributes, 0U);
#else
    (void)attributes;
    errno = ENOSYS;
    return -1;
#endif
}

int invsync_set_thread_slice(uint64_t nanoseconds) {
#ifdef SYS_sched_setattr
    struct invsync_sched_attr attributes;
    if (get_attributes(&attributes) != 0) return -1;
    attributes.size = sizeof attributes;
    // Only reset-on-fork is kept: the other flags (utilization clamps) would need fields of a later layout.
    attributes.sched_flags &= INVSYNC_SCHED_FLAG_RESET_ON_FORK;
    attributes.sched_runtime = nanoseconds;
    return (int)syscall(SYS_sched_setattr, 0, &attributes, 0U);
#else
    (void)nanoseconds;
    errno = ENOSYS;
    return -1;
#endif
}

int64_t invsync_thread_slice(void) {
    struct invsync_sched_attr attributes;
    if (get_attributes(&attributes) != 0) return -1;
    return (int64_t)attributes.sched_runtime;
}
