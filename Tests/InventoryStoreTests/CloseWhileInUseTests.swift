import Foundation
import Inventory
import InventoryStore
import Synchronization
import Testing

/// Closing the store while reads, writes, checkpoints and health probes are under way on other threads (what a
/// stopping daemon or a test's teardown does while a background task still runs): each operation either completes
/// or is refused with `closed`, never touches a closed connection (SQLite crashes on one), and every write that
/// reported success is in the file afterwards.
struct CloseWhileInUseTests {
    final class Counts: Sendable {
        let committed = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let started = Atomic<Int>(0)
    }

    @Test func operationsRacingCloseCompleteOrAreRefused() async throws {
        for round in 0..<12 {
            let t = try TemporaryDatabase()
            let db = t.db
            try db.registerChannels([try channel("shop-us")])
            let counts = Counts()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var n = 0
                        while true {
                            counts.started.add(1, ordering: .relaxed)
                            do {
                                switch (worker + n) % 4 {
                                case 0:
                                    let id = try db.startTask(channel: shopUS, module: .orders, trigger: .manual, now: t0)
                                    try db.finishTask(id, now: t0)
                                    counts.committed.add(1, ordering: .relaxed)
                                case 1: _ = try db.channels()
                                case 2: _ = try db.checkpointLog()
                                default:
                                    if !(await db.healthCheck()) { throw StoreError.closed }
                                }
                            } catch StoreError.closed {
                                counts.refused.add(1, ordering: .relaxed)
                                return
                            }
                            n += 1
                            // The cooperative pool has a thread per core: a worker that never yields starves the closer.
                            await Task.yield()
                        }
                    }
                }
                // Let the workers get going, then close under them, at a different moment each round.
                while counts.started.load(ordering: .relaxed) < 20 + round * 15 { await Task.yield() }
                db.close()
                try await group.waitForAll()
            }
            #expect(counts.refused.load(ordering: .relaxed) == 4, "round \(round): every worker ends refused")
            #expect(throws: StoreError.closed) { try db.channels() }
            #expect(throws: StoreError.closed) { try db.checkpointLog() }
            #expect(!(await db.healthCheck()))
            db.close()  // a second close is harmless

            // A finished write was written in full: the task a worker was told of is in the file, finished.
            try t.reopen()
            let tasks = try t.db.tasks(limit: 100_000)
            #expect(tasks.count >= counts.committed.load(ordering: .relaxed), "round \(round)")
            #expect(tasks.count <= counts.committed.load(ordering: .relaxed) + 4, "round \(round): at most one unfinished task per worker")
        }
    }
}
