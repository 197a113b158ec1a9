import Foundation

/// Fulfillment Inbound API v2024-03-20 wire types: the parts that follow a shipment the seller created in
/// Seller Central (plans, a shipment's status, its items). Field names are the model's.
public enum FulfillmentInbound {
    /// listInboundPlans' reply: one page of plan summaries.
    public struct ListInboundPlansResponse: Codable, Sendable {
        public var inboundPlans: [InboundPlanSummary]?
        public var pagination: Pagination?
    }

    /// A plan with minimal information (the model's InboundPlanSummary; the source address is not read).
    public struct InboundPlanSummary: Codable, Sendable {
        public var inboundPlanId: String
        public var name: String
        public var status: String
        public var createdAt: Date
        public var lastUpdatedAt: Date
        public var marketplaceIds: [String]
    }

    /// getInboundPlan's reply: the plan with its shipments' ids and statuses.
    public struct InboundPlan: Codable, Sendable {
        public var inboundPlanId: String
        public var name: String
        public var status: String
        public var marketplaceIds: [String]
        public var shipments: [ShipmentSummary]?
    }

    public struct ShipmentSummary: Codable, Sendable {
        public var shipmentId: String
        public var status: String
    }

    /// getShipment's reply (only what tracking reads).
    public struct Shipment: Codable, Sendable {
        public var shipmentId: String
        public var placementOptionId: String
        public var name: String?
        public var shipmentConfirmationId: String?
        /// UNCONFIRMED, WORKING, READY_TO_SHIP, SHIPPED, IN_TRANSIT, DELIVERED, CHECKED_IN, RECEIVING, CLOSED,
        /// CANCELLED, DELETED, ABANDONED or MIXED (the model's list; unknown values are kept as text).
        public var status: String?
    }

    /// listShipmentItems' reply: one page of a shipment's items.
    public struct ListShipmentItemsResponse: Codable, Sendable {
        public var items: [Item]
        public var pagination: Pagination?
    }

    /// One MSKU of a shipment. The 2024-03-20 model carries the quantity sent, not the quantity received.
    public struct Item: Codable, Sendable {
        public var msku: String
        public var asin: String
        public var fnsku: String
        public var labelOwner: String
        public var quantity: Int
    }

    public struct Pagination: Codable, Sendable {
        public var nextToken: String?
    }

    /// Plan status filter of listInboundPlans.
    public enum PlanStatus: String, Sendable, CaseIterable {
        case active = "ACTIVE", voided = "VOIDED", shipped = "SHIPPED"
    }

    /// Largest page sizes the model allows.
    public static let maxPlansPageSize = 30
    public static let maxItemsPageSize = 1000
}
