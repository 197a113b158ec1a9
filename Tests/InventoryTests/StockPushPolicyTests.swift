import Testing
import Inventory

/// R16, R22, R23: the quantity a listing should show on Amazon.
struct StockPushPolicyTests {
    let stock = ["Main": 5, "Annex": 7, "FBA": 40]

    @Test func organizationSumsRegularWarehouses() {
        // R22: organisation level = sum over warehouses; FBA stock is Amazon's to ship.
        let p = StockPushPolicy(source: .organization)
        #expect(p.desiredQuantity(available: stock, excluding: ["FBA"]) == 12)
        #expect(p.desiredQuantity(available: stock) == 52)
    }

    @Test func mappedWarehouseOnly() {
        // R23: the mapped warehouse's stock.
        #expect(StockPushPolicy(source: .warehouse("Annex")).desiredQuantity(available: stock) == 7)
        #expect(StockPushPolicy(source: .warehouse("Gone")).desiredQuantity(available: stock) == 0)
    }

    @Test func neverBelowZero() {
        // R16: oversold stock shows 0, never a negative quantity.
        #expect(StockPushPolicy(source: .organization).desiredQuantity(available: ["Main": -3, "Annex": 1]) == 0)
        #expect(StockPushPolicy(source: .warehouse("Main")).desiredQuantity(available: ["Main": -3]) == 0)
    }

    @Test func sourceFollowsSettings() {
        var s = ChannelSettings.default
        #expect(StockSource(settings: s) == .organization)
        s.mappedWarehouse = "Annex"
        #expect(StockSource(settings: s) == .warehouse("Annex"))
    }

    @Test func onlyActiveMFNListingsArePushed() {
        // R16: MFN only, only while the channel's stock sync is Active (and the channel enabled, R4).
        var s = ChannelSettings.default
        #expect(!StockPushPolicy.isPushed(listing: .mfn, settings: s))
        s.stockSyncActive = true
        #expect(StockPushPolicy.isPushed(listing: .mfn, settings: s))
        #expect(!StockPushPolicy.isPushed(listing: .fba, settings: s))
        s.enabled = false
        #expect(!StockPushPolicy.isPushed(listing: .mfn, settings: s))
    }

    @Test func pushOnlyTheDifference() {
        // Decision 4: a desired-state diff.
        #expect(StockPushPolicy.push(desired: 4, acknowledged: 4) == nil)
        #expect(StockPushPolicy.push(desired: 4, acknowledged: 9) == 4)
        #expect(StockPushPolicy.push(desired: 0, acknowledged: nil) == 0)
    }

    @Test func trackingWarehouse() {
        // R22 primary, R23 mapped, R27 FBA warehouse for AFN (primary while FBA is off).
        var s = ChannelSettings.default
        #expect(OrderTracking.warehouse(fulfillmentChannel: .mfn, settings: s, primary: "Main") == "Main")
        #expect(OrderTracking.warehouse(fulfillmentChannel: .afn, settings: s, primary: "Main") == "Main")
        s.mappedWarehouse = "Annex"
        #expect(OrderTracking.warehouse(fulfillmentChannel: .mfn, settings: s, primary: "Main") == "Annex")
        s.mappedWarehouse = nil
        s.fbaWarehouse = "FBA"
        #expect(OrderTracking.warehouse(fulfillmentChannel: .afn, settings: s, primary: "Main") == "FBA")
        #expect(OrderTracking.warehouse(fulfillmentChannel: .mfn, settings: s, primary: "Main") == "Main")
        #expect(OrderTracking.isForceFulfilled(.afn) && !OrderTracking.isForceFulfilled(.mfn))
    }

    @Test func adjustmentDelta() {
        // R26: a counted quantity records the difference.
        #expect(StockChange.newQuantity(10).delta(fromOnHand: 7) == 3)
        #expect(StockChange.newQuantity(0).delta(fromOnHand: 7) == -7)
        #expect(StockChange.delta(-2).delta(fromOnHand: 7) == -2)
    }
}
