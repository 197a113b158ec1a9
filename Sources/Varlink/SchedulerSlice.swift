import CSchedulerSlice
#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux's EEVDF scheduler for a shorter time slice for the calling thread (`sched_attr.sched_runtime`, 6.12+).
///
/// A thread with a shorter slice gets an earlier virtual deadline, and a waking one may preempt a running thread whose
/// slice is longer (PREEMPT_SHORT) instead of waiting for it to use up its own slice (1.4 ms here by default). The
/// threads that answer control calls run for a fraction of a millisecond per call, so a short slice costs them nothing
/// and lets a call start while a large sync keeps both cores busy (issue 6). The thread's policy and nice value are
/// kept. Older kernels ignore the field; a refusal is reported, never fatal.
public enum SchedulerSlice {
    /// What a request for a slice came to.
    public enum Outcome: Equatable, Sendable {
        case applied
        /// The kernel said no (`errno`), or the system call could not be found (`ENOSYS`): the thread keeps its slice.
        case refused(errno: Int32)
    }

    /// Sets the calling thread's slice to `slice` (the kernel clamps it to 0.1–100 ms).
    public static func requestForCurrentThread(_ slice: Duration) -> Outcome {
        let nanoseconds = slice.components.seconds * 1_000_000_000 + slice.components.attoseconds / 1_000_000_000
        return invsync_set_thread_slice(UInt64(max(0, nanoseconds))) == 0 ? .applied : .refused(errno: errno)
    }

    /// The calling thread's slice as the kernel reports it; nil when it cannot be read or the kernel reports none.
    public static func currentThreadSlice() -> Duration? {
        let nanoseconds = invsync_thread_slice()
        return nanoseconds > 0 ? .nanoseconds(nanoseconds) : nil
    }
}
