#ifndef INVSYNC_CSCHEDULERSLICE_H
#define INVSYNC_CSCHEDULERSLICE_H

#include <stdint.h>

/// Sets the calling thread's EEVDF slice (sched_attr.sched_runtime, Linux 6.12+) to `nanoseconds`, keeping its policy,
/// nice value and reset-on-fork flag. Returns 0, or -1 with errno set (ENOSYS where the system call does not exist).
int invsync_set_thread_slice(uint64_t nanoseconds);

/// The calling thread's slice in nanoseconds (0 when the kernel reports none), or -1 with errno set.
int64_t invsync_thread_slice(void);

#endif
