import Foundation
import Testing
import Inventory

struct SyncScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    // R6: a channel never synced runs at once.
    @Test func neverRunRunsNow() throws {
        let s = SyncSchedule(interval: .default)
        #expect(s.nextRun(lastRun: nil, seed: 42, now: now) == now)
    }

    // R6: next run lies in [last + interval, last + interval × (1 + jitter)).
    @Test func jitterBounds() throws {
        for minutes in SyncInterval.allowedMinutes {
            let s = SyncSchedule(interval: try SyncInterval(minutes: minutes), jitterFraction: 0.1)
            for i in 0..<500 {
                let seed = SyncSchedule.seed(for: try ChannelName("ch\(i)"))
                let next = s.nextRun(lastRun: now, seed: seed, now: now)
                let delta = next.timeIntervalSince(now)
                #expect(delta >= Double(minutes) * 60)
                #expect(delta < Double(minutes) * 60 * 1.1)
            }
        }
        let none = SyncSchedule(interval: .default, jitterFraction: 0)
        #expect(none.nextRun(lastRun: now, seed: 7, now: now) == now.addingTimeInterval(240 * 60))
    }

    // R6: the seed is stable across processes (pinned value) and deterministic.
    @Test func seedIsStable() throws {
        let a = SyncSchedule.seed(for: try ChannelName("shop-us"))
        #expect(a == SyncSchedule.seed(for: try ChannelName("shop-us")))
        // FNV-1a 64 of "a" is a published constant.
        #expect(SyncSchedule.seed(for: try ChannelName("a")) == 0xaf63_dc4c_8601_ec8c)
    }

    // R6: channels with similar names are spread across the jitter window, not bunched.
    @Test func spreadAcrossChannels() throws {
        let s = SyncSchedule(interval: .default, jitterFraction: 0.1)
        let window = 240.0 * 60 * 0.1
        var buckets = [Int](repeating: 0, count: 10)
        var distinct = Set<Double>()
        for i in 0..<1000 {
            let off = s.offset(seed: SyncSchedule.seed(for: try ChannelName("shop-\(i)")))
            distinct.insert(off)
            buckets[min(9, Int(off / window * 10))] += 1
        }
        #expect(distinct.count > 990)
        for b in buckets { #expect(b > 60 && b < 140, "bucket count \(b)") }
    }
}
