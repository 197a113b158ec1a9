import Foundation
import Testing
import Inventory
import InventoryStore

struct TaskLifecycleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func run(_ t: TemporaryDatabase, _ outcomes: [RecordOutcome]) throws -> (SyncTask.ID, TaskStatus) {
        let a = try ChannelName("a")
        let id = try t.db.startTask(channel: a, module: .orders, trigger: .scheduled, now: t0)
        try t.db.addRecords(
            task: id,
            outcomes.enumerated().map { TaskRecord(recordId: "r\($0.offset)", kind: "order", outcome: $0.element, reason: $0.element == .failed ? "500" : nil) })
        return (id, try t.db.finishTask(id, now: t0.addingTimeInterval(10)))
    }

    @Test func statusDerivation() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        #expect(try run(t, [.synced, .synced, .skipped]).1 == .succeeded)
        #expect(try run(t, [.failed, .failed]).1 == .failed)
        #expect(try run(t, [.synced, .failed]).1 == .partial)
        #expect(try run(t, []).1 == .succeeded)
        let (id, _) = try run(t, [.synced, .failed, .skipped])
        let (task, records) = try #require(try t.db.task(id: id))
        #expect(task.synced == 1 && task.failed == 1 && task.status == .partial)
        #expect(task.startedAt == t0 && task.endedAt == t0.addingTimeInterval(10))
        #expect(records.map(\.recordId) == ["r0", "r1", "r2"])
        #expect(records[1].reason == "500")
        // A finished task takes no more records and cannot finish twice.
        #expect(throws: StoreError.self) { try t.db.addRecords(task: id, [TaskRecord(recordId: "x", kind: "order", outcome: .synced)]) }
        #expect(throws: StoreError.self) { try t.db.finishTask(id, now: t0) }
    }

    @Test func recordReportedAgainReplacesOutcome() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a")])
        let id = try t.db.startTask(channel: try ChannelName("a"), module: .items, trigger: .manual, now: t0)
        try t.db.addRecords(task: id, [TaskRecord(recordId: "s1", kind: "listing", outcome: .failed)])
        try t.db.addRecords(task: id, [TaskRecord(recordId: "s1", kind: "listing", outcome: .synced)])
        #expect(try t.db.finishTask(id, now: t0) == .succeeded)
    }

    @Test func listingTimeframeAndResync() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a"), try channel("b")])
        let a = try ChannelName("a")
        let b = try ChannelName("b")
        let frame = DateInterval(start: t0.addingTimeInterval(-86400), end: t0)
        let first = try t.db.startTask(channel: a, module: .orders, trigger: .timeframe, timeframe: frame, now: t0)
        try t.db.addRecords(task: first, [TaskRecord(recordId: "o", kind: "order", outcome: .failed)])
        try t.db.finishTask(first, now: t0)
        let again = try t.db.startTask(channel: a, module: .orders, trigger: .resync, resyncOf: first, now: t0.addingTimeInterval(60))
        _ = try t.db.startTask(channel: b, module: .items, trigger: .initial, now: t0.addingTimeInterval(120))
        #expect(try t.db.tasks().map(\.channel.rawValue) == ["b", "a", "a"])
        #expect(try t.db.tasks(channel: a).map(\.id) == [again, first])
        #expect(try t.db.tasks(channel: a, status: .failed).map(\.id) == [first])
        #expect(try t.db.tasks(status: .running).count == 2)
        #expect(try t.db.tasks(limit: 1).count == 1)
        #expect(try t.db.task(id: first)?.0.timeframe == frame)
        #expect(try t.db.task(id: again)?.0.resyncOf == first)
        #expect(throws: StoreError.noSuchTask(4242)) { try t.db.startTask(channel: a, module: .orders, trigger: .resync, resyncOf: 4242, now: t0) }
        #expect(throws: StoreError.noSuchChannel("zz")) { try t.db.startTask(channel: try ChannelName("zz"), module: .orders, trigger: .manual, now: t0) }
    }
}

@Suite struct InterruptedTaskTests {
    /// R9/R36: a task left running by a killed process ends failed at the next start, with the reason, records kept.
    @Test func runningTasksOfAKilledProcessEndFailed() throws {
        let t = try TemporaryDatabase()
        let us = try channel("amazon-us")
        try t.db.registerChannels([us])
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let killed = try t.db.startTask(channel: us.name, module: .orders, trigger: .scheduled, now: start)
        try t.db.addRecords(task: killed, [TaskRecord(recordId: "111-0000000-0000001", kind: "order", outcome: .synced)])
        let finished = try t.db.startTask(channel: us.name, module: .items, trigger: .scheduled, now: start)
        try t.db.finishTask(finished, now: start.addingTimeInterval(5))
        #expect(try t.db.failInterruptedTasks(now: start.addingTimeInterval(60)) == 1)
        let (task, records) = try #require(try t.db.task(id: killed))
        #expect(task.status == .failed)
        #expect(task.endedAt == start.addingTimeInterval(60))
        #expect(task.synced == 1 && task.failed == 1)
        #expect(records.contains { $0.recordId == "run" && $0.outcome == .failed && $0.reason?.hasPrefix("interrupted") == true })
        #expect(try t.db.task(id: finished)?.0.status == .succeeded)
        #expect(try t.db.failInterruptedTasks(now: start.addingTimeInterval(120)) == 0)
    }
}
