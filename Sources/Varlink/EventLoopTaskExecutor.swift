import NIOCore

/// Runs a connection's task on the event loop that reads and writes its socket, so a call is answered on one thread.
///
/// A call used to cross threads twice: the event loop read the frame and woke the task on a separate control queue,
/// which woke the event loop again to write the reply. Each wake-up waits for a CPU, and on a small machine busy with
/// a large sync those waits, not the handler, made GetStatus slow (issue 6). Here the frame, the handler, the actors
/// it calls without an executor of their own (SE-0417) and the reply all run on the loop's thread: the only wake-up
/// is the socket's. Handlers are short reads and writes; a slow one delays only the connections on its loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
