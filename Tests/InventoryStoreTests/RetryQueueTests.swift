import Foundation
import Testing
import Inventory
import InventoryStore

struct RetryQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    // R11
    @Test func roundTrip() throws {
        let t = try TemporaryDatabase()
        try t.db.registerChannels([try channel("a"), try channel("b")])
        let a = try ChannelName("a")
        let task = try t.db.startTask(channel: a, module: .orders, trigger: .scheduled, now: t0)
        let r1 = try t.db.enqueueRetry(channel: a, module: .orders, kind: "order", recordId: "o1", nextAttemptAt: t0.addingTimeInterval(60), lastError: "503", task: task, now: t0)
        let r2 = try t.db.enqueueRetry(channel: a, module: .orders, kind: "order", recordId: "o2", nextAttemptAt: t0.addingTimeInterval(600), lastError: nil, task: nil, now: t0)
        _ = try t.db.enqueueRetry(channel: try ChannelName("b"), module: .items, kind: "listing", recordId: "s", nextAttemptAt: t0, lastError: nil, task: nil, now: t0)
        // Same record again: no duplicate, same id.
        #expect(try t.db.enqueueRetry(channel: a, module: .orders, kind: "order", recordId: "o1", nextAttemptAt: t0.addingTimeInterval(60), lastError: "504", task: task, now: t0) == r1)
        #expect(try t.db.pendingRetryCount(channel: a) == 2)
        #expect(try t.db.dueRetries(now: t0.addingTimeInterval(59), limit: 10).map(\.recordId) == ["s"])
        let due = try t.db.dueRetries(now: t0.addingTimeInterval(60), limit: 10)
        #expect(due.map(\.recordId) == ["s", "o1"])
        #expect(due[1].lastError == "504" && due[1].task == task && due[1].attempts == 0)
        #expect(try t.db.dueRetries(now: t0.addingTimeInterval(1000), limit: 1).count == 1)
        try t.db.rescheduleRetry(r1, attempts: 1, nextAttemptAt: t0.addingTimeInterval(700), lastError: "timeout")
        let list = try t.db.retries(channel: a)
        #expect(list.map(\.id) == [r2, r1])
        #expect(list[1].attempts == 1 && list[1].lastError == "timeout" && list[1].nextAttemptAt == t0.addingTimeInterval(700))
        try t.db.removeRetry(r2)
        #expect(try t.db.pendingRetryCount(channel: a) == 1)
        try t.reopen()
        #expect(try t.db.retries(channel: a).map(\.id) == [r1])
    }
}
