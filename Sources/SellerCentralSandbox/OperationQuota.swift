/// The documented usage plan (rate per second, burst) of each operation, copied from the models' description tables.
enum OperationQuota {
    static let table: [String: (rate: Double, burst: Double)] = [
        "getMarketplaceParticipations": (0.016, 15),
        "searchOrders": (0.0056, 20),
        "getOrder": (0.5, 30),
        "confirmShipment": (2, 10),
        "getListingsItem": (5, 10),
        "patchListingsItem": (5, 5),
        "searchListingsItems": (5, 5),
        "createReport": (0.0167, 15),
        "getReport": (2, 15),
        "getReportDocument": (0.0167, 15),
        "createFeedDocument": (0.5, 15),
        "createFeed": (0.0083, 15),
        "getFeed": (2, 15),
        "getFeedDocument": (0.0222, 10),
        "getInventorySummaries": (2, 2),
        "createFulfillmentOrder": (2, 30),
        "getFulfillmentOrder": (2, 30),
        "listAllFulfillmentOrders": (2, 30),
        "getCatalogItem": (2, 2),
        "listInboundPlans": (2, 6),
        "getInboundPlan": (2, 6),
        "getShipment": (2, 6),
        "listShipmentItems": (2, 30),
    ]
}
