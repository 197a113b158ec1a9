#if canImport(Glibc)
import Glibc
#endif

/// Reads and lowers the CPU scheduling priority of one thread (on Linux a nice value belongs to a thread, not the process).
///
/// Raising a thread's nice value is allowed to any process for its own threads; anything the kernel refuses (a lower
/// value without CAP_SYS_NICE, a thread that is gone) is reported, never fatal: the thread then keeps its priority.
enum ThreadPriority {
    /// What a request for a nice value came to.
    enum Outcome: Equatable, Sendable {
        case applied
        /// The kernel said no (`errno`); the thread runs on at the priority it had.
        case refused(errno: Int32)
    }

    /// The calling thread's kernel id, from /proc/thread-self (Glibc's gettid is not visible to Swift); nil without /proc.
    static func currentThread() -> Int32? {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)  // "PID/task/TID"
        return link.split(separator: "/").last.flatMap { Int32($0) }
    }

    /// Names the calling thread for ps, top and perf (at most 15 bytes kept). Written to /proc/thread-self/comm: Glibc's
    /// pthread_setname_np is not visible to Swift, and Foundation's Thread.name may be applied after the thread has begun.
    /// Without the name the thread keeps its creator's (e.g. a Dispatch worker's).
    static func nameCurrentThread(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Sets the nice value of thread `thread`; nil (the default) is the calling thread (`who` 0 on Linux).
    static func setNiceness(_ niceness: Int32, thread: Int32? = nil) -> Outcome {
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread ?? 0), niceness) == 0 ? .applied : .refused(errno: errno)
    }

    /// Lowers the calling thread's priority to nice `niceness` unless it already runs at that or lower: never raises it.
    static func lowerCurrentThread(to niceness: Int32) -> Outcome {
        guard let current = self.niceness(), current < niceness else { return .applied }
        return setNiceness(niceness)
    }

    /// The nice value of thread `thread` (nil: the calling one); nil when it cannot be read (no such thread).
    static func niceness(thread: Int32? = nil) -> Int32? {
        errno = 0
        let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread ?? 0))
        return value == -1 && errno != 0 ? nil : value
    }
}
