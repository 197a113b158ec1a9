import Foundation
import Glibc
import Testing
@testable import Daemon

/// The control path's priority over the sync (issue 6, GetStatus p99 under load): the engine's work runs on threads
/// of its own at a higher nice value; the helper that sets it reports refusals instead of failing.
@Suite struct SyncWorkExecutorTests {
    /// Work preferring the sync executor runs on its threads at the lower priority; the caller's thread keeps its own.
    @Test func jobsRunOnLowerPriorityThreads() async throws {
        let callerNice = try #require(ThreadPriority.niceness())
        let (found, nice) = await withTaskExecutorPreference(SyncWorkExecutor.shared) {
            (ThreadPriority.currentThread(), ThreadPriority.niceness())
        }
        let thread = try #require(found)
        #expect(thread != ThreadPriority.currentThread())
        #expect(nice == max(callerNice, SyncWorkExecutor.niceness))
        #expect(ThreadPriority.niceness(thread: thread) == nice)
        #expect(ThreadPriority.niceness() == callerNice)
        let name = try String(contentsOfFile: "/proc/self/task/\(thread)/comm", encoding: .utf8)
        #expect(name.hasPrefix("invsync-sync-"))
    }

    /// Child tasks and actors called from work on the executor stay on its threads; many jobs at once, some of them
    /// blocking their thread for a while (as SQLite's write lock does), all finish.
    @Test func childTasksAndActorsFollowAndAllFinish() async throws {
        let counter = Counter()
        let niceValues = await withTaskExecutorPreference(SyncWorkExecutor.shared) {
            await withTaskGroup(of: Int32?.self) { group in
                for index in 0..<2_000 {
                    group.addTask {
                        if index % 100 == 0 { usleep(2_000) }
                        await counter.add()
                        return ThreadPriority.niceness()
                    }
                }
                var values: [Int32?] = []
                for await value in group { values.append(value) }
                return values
            }
        }
        #expect(niceValues.count == 2_000)
        #expect(Set(niceValues.map { $0 ?? -99 }).allSatisfy { $0 >= SyncWorkExecutor.niceness })
        #expect(await counter.value == 2_000)
        #expect(await counter.lastNice.map { $0 >= SyncWorkExecutor.niceness } == true)
    }

    /// A nice value set on one thread is that thread's alone.
    @Test func nicenessBelongsToOneThread() async throws {
        let before = try #require(ThreadPriority.niceness())
        let target = min(before + 3, 19)
        let done = DispatchSemaphore(value: 0)
        defer { done.signal() }
        let (outcome, found): (ThreadPriority.Outcome, Int32?) = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: (ThreadPriority.setNiceness(target), ThreadPriority.currentThread()))
                done.wait()  // alive until the test has read its value
            }
            thread.start()
        }
        #expect(outcome == .applied)
        let tid = try #require(found)
        #expect(ThreadPriority.niceness(thread: tid) == target)
        #expect(ThreadPriority.niceness() == before)
    }

    /// Lowering never raises: a thread already below the asked priority stays where it is.
    @Test func loweringNeverRaisesPriority() async {
        let (first, second, nice) = await withCheckedContinuation { continuation in
            Thread {
                let first = ThreadPriority.lowerCurrentThread(to: 15)
                let second = ThreadPriority.lowerCurrentThread(to: 10)
                continuation.resume(returning: (first, second, ThreadPriority.niceness()))
            }.start()
        }
        #expect(first == .applied)
        #expect(second == .applied)
        #expect(nice.map { $0 >= 15 } == true)
    }

    /// The kernel's refusal is reported, not thrown or trapped: a thread that does not exist.
    @Test func refusalIsReported() {
        let missing: Int32 = 0x3FFF_FFF0  // above any pid_max
        #expect(ThreadPriority.setNiceness(5, thread: missing) == .refused(errno: ESRCH))
        #expect(ThreadPriority.niceness(thread: missing) == nil)
    }

    /// An actor without an executor of its own: it runs where its caller prefers.
    actor Counter {
        var value = 0
        var lastNice: Int32?
        func add() {
            value += 1
            lastNice = ThreadPriority.niceness()
        }
    }
}
