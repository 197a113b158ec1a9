import Foundation
import Testing
import Inventory
import InventoryStore

struct ChannelRegistrationTests {
    @Test func idempotentAndKeepsRuntimeSettings() throws {
        let t = try TemporaryDatabase()
        let us = try channel("shop-us")
        let uk = try channel("shop-uk", .uk)
        try t.db.registerChannels([us, uk])
        try t.db.registerChannels([us, uk])
        #expect(try t.db.channels().count == 2)
        let (_, fresh) = try #require(try t.db.channel(named: us.name))
        #expect(fresh == ChannelSettings.default)

        try t.db.setEnabled(channel: us.name, false)
        try t.db.setSyncInterval(channel: us.name, try SyncInterval(minutes: 90))
        try t.db.setStockSync(channel: us.name, active: true, fbaWarehouse: nil, mappedWarehouse: "WH1")
        let last = Date(timeIntervalSince1970: 1_800_000_000)
        try t.db.recordSyncTimes(channel: us.name, last: last, next: last.addingTimeInterval(5400))
        // Seller id changes in the configuration are taken; runtime settings are not touched.
        try t.db.registerChannels([try channel("shop-us", seller: "SELLER2"), uk])
        let (c, s) = try #require(try t.db.channel(named: us.name))
        #expect(c.sellerId == "SELLER2")
        #expect(!s.enabled && s.syncInterval.minutes == 90 && s.stockSyncActive && s.mappedWarehouse == "WH1")
        #expect(s.lastSyncAt == last && s.nextSyncAt == last.addingTimeInterval(5400))
    }

    @Test func undeclaredBecomeInactiveNotDeleted() throws {
        let t = try TemporaryDatabase()
        let us = try channel("shop-us")
        let uk = try channel("shop-uk", .uk)
        try t.db.registerChannels([us, uk])
        let id = try t.db.startTask(channel: uk.name, module: .items, trigger: .initial, now: Date())
        try t.db.registerChannels([us])
        let (_, s) = try #require(try t.db.channel(named: uk.name))
        #expect(s.state == .inactive && s.inactiveReason == "not in configuration")
        #expect(try t.db.task(id: id) != nil)
        #expect(try t.db.channel(named: us.name)?.1.state == .idle)
        // Declared again: active again.
        try t.db.registerChannels([us, uk])
        #expect(try t.db.channel(named: uk.name)?.1.state == .idle)
    }

    @Test func stateAndOrderMode() throws {
        let t = try TemporaryDatabase()
        let us = try channel("shop-us")
        try t.db.registerChannels([us])
        try t.db.setChannelState(channel: us.name, state: .backingOff, reason: "throttled")
        #expect(try t.db.channel(named: us.name)?.1.state == .backingOff)
        try t.db.setOrderSyncMode(.confirmedAndFulfilled)  // R17
        #expect(try t.db.orderSyncMode() == .confirmedAndFulfilled)
        try t.db.setOrderSyncMode(.confirmed)
        #expect(try t.db.orderSyncMode() == .confirmed)
    }
}
