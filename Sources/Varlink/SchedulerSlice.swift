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
        var attributes = [UInt8](repeating: 0, count: attributesSize)
        guard let call = systemCall() else { return .refused(errno: ENOSYS) }
        return attributes.withUnsafeMutableBytes { raw in
            guard call(getNumber, 0, raw.baseAddress!, UInt(attributesSize), 0) == 0 else { return .refused(errno: errno) }
            let nanoseconds = slice.components.seconds * 1_000_000_000 + slice.components.attoseconds / 1_000_000_000
            raw.storeBytes(of: UInt32(attributesSize), toByteOffset: 0, as: UInt32.self)
            // Only SCHED_FLAG_RESET_ON_FORK is kept: the others (utilization clamps) would need their own fields.
            raw.storeBytes(of: raw.load(fromByteOffset: 8, as: UInt64.self) & 1, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: UInt64(max(0, nanoseconds)), toByteOffset: 24, as: UInt64.self)
            return call(setNumber, 0, raw.baseAddress!, 0, 0) == 0 ? .applied : .refused(errno: errno)
        }
    }

    /// The calling thread's slice as the kernel reports it; nil when it cannot be read or the kernel reports none.
    public static func currentThreadSlice() -> Duration? {
        var attributes = [UInt8](repeating: 0, count: attributesSize)
        guard let call = systemCall() else { return nil }
        return attributes.withUnsafeMutableBytes { raw in
            guard call(getNumber, 0, raw.baseAddress!, UInt(attributesSize), 0) == 0 else { return nil }
            let nanoseconds = raw.load(fromByteOffset: 24, as: UInt64.self)
            return nanoseconds == 0 ? nil : .nanoseconds(Int64(nanoseconds))
        }
    }

    /// `struct sched_attr` as of SCHED_ATTR_SIZE_VER0: size, policy, flags, nice, priority, runtime, deadline, period.
    private static let attributesSize = 48

    #if arch(x86_64)
    private static let setNumber = 314, getNumber = 315
    #elseif arch(arm64)
    private static let setNumber = 274, getNumber = 275
    #else
    private static let setNumber = -1, getNumber = -1
    #endif

    /// `long syscall(long, ...)` with four integer or pointer arguments. Glibc 2.36 has no sched_setattr wrapper and
    /// Swift does not import C variadic functions; on x86_64 and arm64 Linux, integer arguments of a variadic call are
    /// passed exactly as in a fixed one, and glibc's syscall passes them on to the kernel untouched.
    private typealias SystemCall = @convention(c) (Int, Int, UnsafeMutableRawPointer, UInt, UInt) -> Int

    private static func systemCall() -> SystemCall? {
        guard setNumber >= 0, let symbol = dlsym(nil, "syscall") else { return nil }
        return unsafeBitCast(symbol, to: SystemCall.self)
    }
}
