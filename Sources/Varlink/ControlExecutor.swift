import Dispatch

/// Runs the Varlink server's connection tasks on one serial Dispatch queue, off the pool the rest of the process shares.
///
/// On Linux Swift runs tasks on Dispatch's global default-QoS pool, about one thread per core. A process whose other
/// work blocks those threads (synchronous SQLite transactions, waits for the database writer) would make every control
/// call wait behind that work. A serial queue targets Dispatch's overcommitting pool, which starts a thread when all are
/// busy, so control calls are answered whatever the rest of the process is doing; actors without an executor of their
/// own run their part of a call here too (SE-0417). One queue serves every connection: handlers are short, and the
/// server's limits bound how many connections wait.
final class ControlExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "varlink.control")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
