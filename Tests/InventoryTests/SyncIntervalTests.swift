import Testing
import Inventory

struct SyncIntervalTests {
    // R6
    @Test(arguments: [30, 60, 90, 120, 150, 180, 210, 240])
    func acceptsAllowed(minutes: Int) throws {
        #expect(try SyncInterval(minutes: minutes).minutes == minutes)
    }

    // R6: every other value from -1 to 300 is refused, with a message naming the allowed values.
    @Test func refusesEverythingElse() {
        for m in -1...300 where !SyncInterval.allowedMinutes.contains(m) {
            #expect(throws: SyncInterval.ValidationError.notAllowed(m)) { try SyncInterval(minutes: m) }
        }
        #expect(SyncInterval.ValidationError.notAllowed(45).description.contains("30, 60, 90, 120, 150, 180, 210, 240"))
    }

    // R6
    @Test func defaultIsFourHours() {
        #expect(SyncInterval.default.minutes == 240)
        #expect(ChannelSettings.default.syncInterval.minutes == 240)
    }

    @Test func taskStatusDerivation() {
        #expect(TaskStatus.finished(synced: 3, failed: 0) == .succeeded)
        #expect(TaskStatus.finished(synced: 0, failed: 0) == .succeeded)
        #expect(TaskStatus.finished(synced: 0, failed: 2) == .failed)
        #expect(TaskStatus.finished(synced: 1, failed: 2) == .partial)
    }
}
