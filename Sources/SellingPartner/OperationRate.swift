/// Each operation's documented usage plan (rate in requests per second, burst), copied from the models' descriptions.
public struct OperationRate: Sendable, Equatable {
    public var rate: Double
    public var burst: Int

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    /// Keyed by "<model>.<operationId>" because getOrder exists in two Orders versions with different plans.
    public static let table: [String: OperationRate] = [
        "sellers.getMarketplaceParticipations": .init(rate: 0.016, burst: 15),
        "orders_2026-01-01.searchOrders": .init(rate: 0.0056, burst: 20),
        "orders_2026-01-01.getOrder": .init(rate: 0.5, burst: 30),
        "ordersV0.getOrder": .init(rate: 0.5, burst: 30),
        "ordersV0.confirmShipment": .init(rate: 2, burst: 10),
        "listingsItems_2021-08-01.getListingsItem": .init(rate: 5, burst: 10),
        "listingsItems_2021-08-01.patchListingsItem": .init(rate: 5, burst: 5),
        "listingsItems_2021-08-01.searchListingsItems": .init(rate: 5, burst: 5),
        "reports_2021-06-30.createReport": .init(rate: 0.0167, burst: 15),
        "reports_2021-06-30.getReport": .init(rate: 2, burst: 15),
        "reports_2021-06-30.getReportDocument": .init(rate: 0.0167, burst: 15),
        "feeds_2021-06-30.createFeedDocument": .init(rate: 0.5, burst: 15),
        "feeds_2021-06-30.createFeed": .init(rate: 0.0083, burst: 15),
        "feeds_2021-06-30.getFeed": .init(rate: 2, burst: 15),
        "feeds_2021-06-30.getFeedDocument": .init(rate: 0.0222, burst: 10),
        "fbaInventory.getInventorySummaries": .init(rate: 2, burst: 2),
        "fulfillmentOutbound_2020-07-01.createFulfillmentOrder": .init(rate: 2, burst: 30),
        "fulfillmentOutbound_2020-07-01.getFulfillmentOrder": .init(rate: 2, burst: 30),
        "fulfillmentOutbound_2020-07-01.listAllFulfillmentOrders": .init(rate: 2, burst: 30),
        "catalogItems_2022-04-01.getCatalogItem": .init(rate: 2, burst: 2),
        "fulfillmentInbound_2024-03-20.listInboundPlans": .init(rate: 2, burst: 6),
        "fulfillmentInbound_2024-03-20.getInboundPlan": .init(rate: 2, burst: 6),
        "fulfillmentInbound_2024-03-20.getShipment": .init(rate: 2, burst: 6),
        "fulfillmentInbound_2024-03-20.listShipmentItems": .init(rate: 2, burst: 30),
    ]
}
