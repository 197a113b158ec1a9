import Foundation
import Inventory
import InventoryStore
import SyncEngine
import Testing

/// Start answers with the task of the run it started or joined, not with whichever task of the channel and module
/// happens to be running (the retry queue's, the shipment confirmer's). R7.
@Suite struct SyncRunHistoryTests {
    let us = try! ChannelName("amazon-us")

    final class TaskDatabase {
        let directory: URL
        let db: AppDatabase

        init(channel: ChannelName) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("invsync-runhistory-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            db = try AppDatabase.open(path: directory.appendingPathComponent("inventory.sqlite").path)
            try db.registerChannels([Channel(name: channel, marketplace: .us, sellerId: "SELLER")])
        }

        deinit {
            db.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func aRunNamesItsOwnTaskNotAnotherRunningOne() async throws {
        let t = try TaskDatabase(channel: us)
        // Another worker's task of the same channel and module, running before and during the run.
        let other = try t.db.startTask(channel: us, module: .orders, trigger: .retry, now: Date())
        let work = GatedWork()
        let db = t.db
        let coordinator = SyncCoordinator { request in
            guard let task = try? db.startTask(for: request, now: Date()) else {
                return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0)
            }
            let outcome = await work.perform(request)
            _ = try? db.finishTask(task, now: Date())
            return SyncOutcome(task: task, status: outcome.status, synced: 1, failed: 0)
        }
        let first = await coordinator.submit(SyncRequest(channel: us, module: .orders, trigger: .manual))
        let own = try #require(await first.history.startedTask())
        #expect(own != other)
        #expect(try t.db.task(id: own)?.0.trigger == .manual)
        // A request for the same work joins the run and learns the same task.
        let joined = await coordinator.submit(SyncRequest(channel: us, module: .orders, trigger: .scheduled))
        #expect(joined.joined)
        #expect(await joined.history.startedTask() == own)
        #expect(await eventually { work.waiting == 1 })
        work.releaseAll()
        #expect(await first.outcome.value.task == own)
        #expect(try t.db.task(id: own)?.0.status != .running)
        #expect(try t.db.task(id: other)?.0.status == .running)
    }

    /// The FBA step of an items cycle runs after the items task ended: a Start then must not be answered with that
    /// finished task, but wait and run again (R7; the fault matrix and the FBA scenario saw it on a loaded machine).
    @Test func aRunPastItsTaskTakesNoJoiners() async throws {
        let t = try TaskDatabase(channel: us)
        let db = t.db
        let tail = GatedWork()
        let coordinator = SyncCoordinator { request in
            guard let task = try? db.startTask(for: request, now: Date()) else {
                return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0)
            }
            let status = (try? db.finishTask(ofRun: task, now: Date())) ?? .failed
            _ = await tail.perform(request)  // a step after the task, as the FBA step
            return SyncOutcome(task: task, status: status, synced: 0, failed: 0)
        }
        let first = await coordinator.submit(SyncRequest(channel: us, module: .items, trigger: .manual))
        let firstTask = try #require(await first.history.startedTask())
        #expect(await eventually { tail.waiting == 1 })
        let second = Task { await coordinator.submit(SyncRequest(channel: us, module: .items, trigger: .manual)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await coordinator.started == 1)  // the second waits for the first to end
        tail.releaseAll()
        let run = await second.value
        #expect(!run.joined)
        #expect(await eventually { tail.waiting == 1 })
        tail.releaseAll()
        let secondTask = try #require(await run.history.startedTask())
        #expect(secondTask > firstTask)
        #expect(await run.outcome.value.task == secondTask)
        #expect(await coordinator.started == 2)
    }

    @Test func aRunRefusedBeforeItBeganHasNoTask() async throws {
        let coordinator = SyncCoordinator { _ in SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: "disabled") }
        let run = await coordinator.submit(SyncRequest(channel: us, module: .items, trigger: .manual))
        #expect(await run.history.startedTask() == nil)
        #expect(await run.outcome.value.reason == "disabled")
    }

    @Test func aWaiterBeforeTheTaskStartsIsAnsweredWhenItDoes() async throws {
        let t = try TaskDatabase(channel: us)
        let db = t.db
        let gate = GatedWork()
        let coordinator = SyncCoordinator { request in
            _ = await gate.perform(request)  // held before its task starts
            let task = try? db.startTask(for: request, now: Date())
            return SyncOutcome(task: task, status: .succeeded, synced: 0, failed: 0)
        }
        let run = await coordinator.submit(SyncRequest(channel: us, module: .orders, trigger: .manual))
        let waiter = Task { await run.history.startedTask() }
        #expect(await eventually { gate.waiting == 1 })
        gate.releaseAll()
        let task = try #require(await waiter.value)
        #expect(await run.outcome.value.task == task)
    }
}
