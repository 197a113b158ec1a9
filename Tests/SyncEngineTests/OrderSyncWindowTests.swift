import CurlTransport
import Foundation
import Inventory
import InventoryStore
import SellingPartner
import Testing
@testable import SyncEngine

/// The searches a request turns into (decision 2, R5, R8, R17), read before any request is sent.
@Suite struct OrderSyncWindowTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let us = try! ChannelName("amazon-us")

    func sync(_ t: TemporaryDatabase, lookback: Int = 30) throws -> (OrderSync, SyncEnvironment.ChannelEndpoint) {
        let configuration = SellingPartnerConfiguration(
            endpoint: URL(string: "http://127.0.0.1:9")!, tokenEndpoint: URL(string: "http://127.0.0.1:9/auth/o2/token")!,
            clientId: "id", clientSecret: "secret", refreshToken: "token", sellerId: "SELLER", marketplaceIds: ["ATVPDKIKX0DER"])
        let endpoint = SyncEnvironment.ChannelEndpoint(
            channel: Channel(name: us, marketplace: .us, sellerId: "SELLER"),
            client: SellingPartnerClient(configuration: configuration, transport: CurlTransport()), initialLookbackDays: lookback)
        let environment = SyncEnvironment(database: t.db, channels: [endpoint], clock: ManualWallClock(now), orderOverlap: 300,
                                          orderPageSize: 40)
        return (OrderSync(environment: environment), endpoint)
    }

    /// R5: the first run reaches back by creation date and its bound becomes the cursor.
    @Test func initialRunSearchesTheLookbackByCreation() throws {
        let t = try TemporaryDatabase()
        let (sync, endpoint) = try sync(t, lookback: 7)
        let windows = sync.windows(request: SyncRequest(channel: us, module: .orders, trigger: .scheduled), endpoint: endpoint,
                                   cursor: nil, mode: .confirmed, now: now)
        #expect(windows.count == 1)
        let q = try #require(windows.first).query
        #expect(q.createdAfter == now.addingTimeInterval(-7 * 86400))
        #expect(q.lastUpdatedAfter == nil && q.createdBefore == nil)
        #expect(q.includedData == [.buyer, .recipient, .fulfillment])
        #expect(q.marketplaceIds == ["ATVPDKIKX0DER"] && q.maxResultsPerPage == 40)
        #expect(windows.first?.advancesCursor == true)
    }

    /// Decision 2: increments go by lastUpdated from the cursor minus the overlap, never by creation.
    @Test func incrementsUseLastUpdatedMinusTheOverlap() throws {
        let t = try TemporaryDatabase()
        let (sync, endpoint) = try sync(t)
        let cursor = now.addingTimeInterval(-3600)
        let windows = sync.windows(request: SyncRequest(channel: us, module: .orders, trigger: .scheduled), endpoint: endpoint,
                                   cursor: cursor, mode: .confirmed, now: now)
        let q = try #require(windows.first).query
        #expect(windows.count == 1)
        #expect(q.lastUpdatedAfter == cursor.addingTimeInterval(-300))
        #expect(q.createdAfter == nil && q.lastUpdatedBefore == nil)
        #expect(windows.first?.advancesCursor == true)
    }

    /// R8: a timeframe searches by creation within the seller's dates (capped at Amazon's two-minute lag) and
    /// never moves the cursor.
    @Test func timeframeSearchesItsWindowWithoutTheCursor() throws {
        let t = try TemporaryDatabase()
        let (sync, endpoint) = try sync(t)
        let frame = DateInterval(start: now.addingTimeInterval(-86400), end: now.addingTimeInterval(3600))
        let windows = sync.windows(request: SyncRequest(channel: us, module: .orders, trigger: .timeframe, timeframe: frame),
                                   endpoint: endpoint, cursor: now.addingTimeInterval(-60), mode: .confirmed, now: now)
        let w = try #require(windows.first)
        #expect(windows.count == 1)
        #expect(w.query.createdAfter == frame.start && w.query.createdBefore == now.addingTimeInterval(-120))
        #expect(w.advancesCursor == false)
    }

    /// R5, R8, R17, issue 6: while the channel holds no order a backfill (look-back or timeframe) leaves out the
    /// pending and void orders it would only skip, in either mode; once it holds orders it asks for every status (a
    /// held order may be cancelled or shipped since), and an increment never filters by status.
    @Test func backfillOfAnEmptyChannelAsksOnlyForTheStatusesItCreates() throws {
        let t = try TemporaryDatabase()
        let (sync, endpoint) = try sync(t)
        let initial = SyncRequest(channel: us, module: .orders, trigger: .initial)
        let frame = SyncRequest(channel: us, module: .orders, trigger: .timeframe,
                                timeframe: DateInterval(start: now.addingTimeInterval(-86400), end: now))
        func statuses(_ request: SyncRequest, _ mode: OrderSyncMode, holds: Bool, cursor: Date? = nil) -> [[Orders.FulfillmentStatus]] {
            sync.windows(request: request, endpoint: endpoint, cursor: cursor, mode: mode, now: now, channelHoldsOrders: holds)
                .map(\.query.fulfillmentStatuses)
        }
        #expect(statuses(initial, .confirmed, holds: false) == [[.unshipped, .partiallyShipped, .shipped]])
        #expect(statuses(initial, .confirmedAndFulfilled, holds: false) == [[.unshipped, .partiallyShipped, .shipped]])
        #expect(statuses(frame, .confirmed, holds: false) == [[.unshipped, .partiallyShipped, .shipped]])
        #expect(statuses(initial, .confirmed, holds: true) == [[]])
        #expect(statuses(frame, .confirmedAndFulfilled, holds: true) == [[]])
        let increment = SyncRequest(channel: us, module: .orders, trigger: .scheduled)
        #expect(statuses(increment, .confirmed, holds: false, cursor: now.addingTimeInterval(-3600)) == [[]])
    }

    /// R17: a widened preference adds one sweep of the look-back's shipped orders before the increment.
    @Test func widenedPreferenceSweepsShippedOrdersOnce() throws {
        let t = try TemporaryDatabase()
        let (sync, endpoint) = try sync(t)
        let request = SyncRequest(channel: us, module: .orders, trigger: .scheduled)
        let windows = sync.windows(request: request, endpoint: endpoint, cursor: now.addingTimeInterval(-60),
                                   mode: .confirmedAndFulfilled, now: now)
        #expect(windows.count == 2)
        #expect(windows.first?.query.fulfillmentStatuses == [.shipped])
        #expect(windows.first?.query.createdAfter == now.addingTimeInterval(-30 * 86400))
        #expect(windows.first?.advancesCursor == false)
        #expect(windows.last?.query.lastUpdatedAfter != nil)
        // Under the narrow preference there is nothing to sweep.
        #expect(sync.windows(request: request, endpoint: endpoint, cursor: now, mode: .confirmed, now: now).count == 1)
    }
}
