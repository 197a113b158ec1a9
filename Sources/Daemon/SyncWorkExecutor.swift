import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs the sync engine's jobs on threads of its own at a lower CPU priority, so the control socket wins the CPU.
///
/// Without it the engine's jobs (decoding pages, SQLite transactions) run on Swift's default pool at the same
/// priority as the threads that answer `GetStatus`; on a small machine a large sync then queues every control call
/// behind whole time slices of sync work. Here the engine's threads run at nice `niceness`, so a waking control
/// thread (nice 0, and a shorter scheduler slice: `DaemonApplication.controlThreadSlice`) preempts them, while the sync
/// keeps every cycle the control path leaves idle. Engine
/// services and sync runs prefer this executor (SE-0417); their child tasks and the actors they call follow.
/// A kernel that refuses the nice value (logged once at debug) leaves the threads at normal priority: the daemon
/// works as before.
final class SyncWorkExecutor: TaskExecutor, @unchecked Sendable {
    /// The nice value of the engine's threads: weight 110 against 1,024 at nice 0 (the control path's threads).
    static let niceness: Int32 = 10
    /// One executor for the whole process: its threads live as long as the process does.
    static let shared = SyncWorkExecutor(threads: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount), niceness: niceness,
                                         logger: Logger(label: "invsyncd.sync-executor"))

    /// Guards `jobs`; its signal wakes one idle thread per job.
    private let condition = NSCondition()
    /// Jobs not yet taken, oldest first from `head` (a plain array consumed from the front, compacted now and then).
    private var jobs: [UnownedJob] = []
    private var head = 0
    private let refusalLogged = Atomic<Bool>(false)

    /// Starts `threads` threads that each lower their own priority to `niceness` first. Sync code blocks a thread
    /// while it waits for SQLite's write lock, so there are more threads than cores.
    init(threads: Int, niceness: Int32, logger: Logger) {
        for index in 0..<threads {
            let thread = Thread { [self] in
                ThreadPriority.nameCurrentThread("invsync-sync-\(index)")
                if case .refused(let error) = ThreadPriority.lowerCurrentThread(to: niceness),
                   !refusalLogged.exchange(true, ordering: .relaxed) {
                    logger.debug("sync threads keep normal priority: the kernel refused the nice value",
                                 metadata: ["nice": "\(niceness)", "errno": "\(error)"])
                }
                drain()
            }
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// A thread's life: take the oldest job, run it, wait when there is none.
    private func drain() -> Never {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024, head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
