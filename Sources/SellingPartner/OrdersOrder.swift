// Transcribed from Amazon's orders_2026-01-01.json model (Apache-2.0); type and property names are the model's.
// Orders 2026-01-01 response types for the order itself: search and get responses, pagination, identity, channel and buyer.
import Foundation

extension Orders {
    /// A list of orders. (model `SearchOrdersResponse`)
    public struct SearchOrdersResponse: Codable, Sendable, Equatable {
        /// An array containing all orders that match the search criteria.
        public var orders: [Order]
        /// Pagination occurs when a request has results that exceed the response limit.
        public var pagination: Pagination?
        /// Only orders updated before the specified time are returned.
        public var lastUpdatedBefore: Date?
        /// Only orders placed before the specified time are returned.
        public var createdBefore: Date?

        public init(orders: [Order], pagination: Pagination? = nil, lastUpdatedBefore: Date? = nil, createdBefore: Date? = nil) {
            self.orders = orders
            self.pagination = pagination
            self.lastUpdatedBefore = lastUpdatedBefore
            self.createdBefore = createdBefore
        }
    }

    /// Pagination occurs when a request has results that exceed the response limit. (model `Pagination`)
    public struct Pagination: Codable, Sendable, Equatable {
        /// A token that can be used to fetch the next page of results.
        public var nextToken: String?

        public init(nextToken: String? = nil) {
            self.nextToken = nextToken
        }
    }

    /// Order details. (model `GetOrderResponse`)
    public struct GetOrderResponse: Codable, Sendable, Equatable {
        /// All available information about the requested order.
        public var order: Order

        public init(order: Order) {
            self.order = order
        }
    }

    /// Comprehensive information about a customer order. (model `Order`)
    public struct Order: Codable, Sendable, Equatable {
        /// An Amazon-defined order identifier.
        public var orderId: String
        /// Alternative identifiers that can be used to reference this order, such as seller-defined order numbers.
        public var orderAliases: [Alias]?
        /// The time when the customer placed the order.
        public var createdTime: Date
        /// The most recent time when any aspect of this order was modified by Amazon or the seller.
        public var lastUpdatedTime: Date
        /// Special programs associated with this order that may affect fulfillment or customer experience. Possible values: `AMAZON_BAZAAR`, `AMAZON_BUSINESS`, `AMAZON_EASY_SHIP`, `AMAZON_HAUL`, `DELIVERY_BY_AMAZON`, `FBM_SHIP_PLUS`, `INVOICE_BY_AMAZON`, `IN_STORE_PICK_UP`, `PREMIUM`, `PREORDER`, `PRIME`
        public var programs: [String]?
        /// Other orders that have a direct relationship to this order, such as replacement or exchange orders.
        public var associatedOrders: [AssociatedOrder]?
        /// Information about where this order was placed.
        public var salesChannel: SalesChannel
        /// Information about the customer who purchased this order.
        public var buyer: Buyer?
        /// Information about the person or location where this order should be delivered.
        public var recipient: Recipient?
        /// Financial information about this order.
        public var proceeds: OrderProceeds?
        /// Payment information for the order.
        public var payment: OrderPayment?
        /// Tax-related information for the order.
        public var tax: OrderTax?
        /// Information about how this order is being processed and shipped.
        public var fulfillment: OrderFulfillment?
        /// The list of all order items included in this order.
        public var orderItems: [OrderItem]
        /// Shipping packages created for this order, including tracking information.
        public var packages: [OrderPackage]?
        /// The list of fulfillment orders associated with this customer order.
        public var fulfillmentOrders: [FulfillmentOrder]?

        public init(orderId: String, orderAliases: [Alias]? = nil, createdTime: Date, lastUpdatedTime: Date, programs: [String]? = nil, associatedOrders: [AssociatedOrder]? = nil, salesChannel: SalesChannel, buyer: Buyer? = nil, recipient: Recipient? = nil, proceeds: OrderProceeds? = nil, payment: OrderPayment? = nil, tax: OrderTax? = nil, fulfillment: OrderFulfillment? = nil, orderItems: [OrderItem], packages: [OrderPackage]? = nil, fulfillmentOrders: [FulfillmentOrder]? = nil) {
            self.orderId = orderId
            self.orderAliases = orderAliases
            self.createdTime = createdTime
            self.lastUpdatedTime = lastUpdatedTime
            self.programs = programs
            self.associatedOrders = associatedOrders
            self.salesChannel = salesChannel
            self.buyer = buyer
            self.recipient = recipient
            self.proceeds = proceeds
            self.payment = payment
            self.tax = tax
            self.fulfillment = fulfillment
            self.orderItems = orderItems
            self.packages = packages
            self.fulfillmentOrders = fulfillmentOrders
        }
    }

    /// An alternative identifier that provides a different way to reference the same order. (model `Alias`)
    public struct Alias: Codable, Sendable, Equatable {
        /// The alternative identifier value that can be used to reference this order.
        public var aliasId: String
        /// The kind of alternative identifier this represents. Possible values: `SELLER_ORDER_ID`
        public var aliasType: String

        public init(aliasId: String, aliasType: String) {
            self.aliasId = aliasId
            self.aliasType = aliasType
        }
    }

    /// Another order that has a direct business relationship with the current order, such as replacements or exchanges. (model `AssociatedOrder`)
    public struct AssociatedOrder: Codable, Sendable, Equatable {
        /// The unique identifier of the related order that is associated with the current order.
        public var orderId: String?
        /// The relationship between the current order and the associated order. Possible values: `REPLACEMENT_ORIGINAL_ID`, `EXCHANGE_ORIGINAL_ID`
        public var associationType: String?

        public init(orderId: String? = nil, associationType: String? = nil) {
            self.orderId = orderId
            self.associationType = associationType
        }
    }

    /// Information about where the customer placed this order. (model `SalesChannel`)
    public struct SalesChannel: Codable, Sendable, Equatable {
        /// The name of the sales platform or channel where the customer placed this order. Possible values: `AMAZON`, `NON_AMAZON`
        public var channelName: String
        /// The unique identifier for the specific marketplace within the sales channel where this order was placed.
        public var marketplaceId: String?
        /// The human-readable name of the marketplace where this order was placed.
        public var marketplaceName: String?

        public init(channelName: String, marketplaceId: String? = nil, marketplaceName: String? = nil) {
            self.channelName = channelName
            self.marketplaceId = marketplaceId
            self.marketplaceName = marketplaceName
        }
    }

    /// Information about the customer who purchased the order. (model `Buyer`)
    public struct Buyer: Codable, Sendable, Equatable {
        /// The full name of the customer who placed the order.
        public var buyerName: String?
        /// The anonymized email address of the buyer.
        public var buyerEmail: String?
        /// The name of the company or organization for a business order.
        public var buyerCompanyName: String?
        /// The purchase order (PO) number entered by the buyer at checkout.
        public var buyerPurchaseOrderNumber: String?

        public init(buyerName: String? = nil, buyerEmail: String? = nil, buyerCompanyName: String? = nil, buyerPurchaseOrderNumber: String? = nil) {
            self.buyerName = buyerName
            self.buyerEmail = buyerEmail
            self.buyerCompanyName = buyerCompanyName
            self.buyerPurchaseOrderNumber = buyerPurchaseOrderNumber
        }
    }
}
