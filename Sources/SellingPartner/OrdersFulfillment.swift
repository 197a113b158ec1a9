// Transcribed from Amazon's orders_2026-01-01.json model (Apache-2.0); type and property names are the model's.
// Orders 2026-01-01 types of how an order is fulfilled: status, windows, packages and fulfillment orders.
import Foundation

extension Orders {
    /// Information about how the order is being processed, packed, and shipped to the customer. (model `OrderFulfillment`)
    public struct OrderFulfillment: Codable, Sendable, Equatable {
        /// The current status of the order in the fulfillment process, from pending to handover to carrier.
        public var fulfillmentStatus: FulfillmentStatus
        /// Specifies whether Amazon or the merchant is responsible for fulfilling this order. Possible values: `AMAZON`, `MERCHANT`.
        public var fulfilledBy: FulfilledBy?
        /// The category of the shipping speed option selected by the customer at checkout. Possible values: `EXPEDITED`, `FREE_ECONOMY`, `NEXT_DAY`, `PRIORITY`, `SAME_DAY`, `SECOND_DAY`, `SCHEDULED`, `STANDARD`.
        public var fulfillmentServiceLevel: String?
        /// The promised time period within which the order must be shipped to meet the customer's delivery expectations.
        public var shipByWindow: DateTimeRange?
        /// The promised time period within which the order should be delivered to the customer.
        public var deliverByWindow: DateTimeRange?
        /// The earliest time available to print the shipping label for the order.
        public var labelPrintingWindow: DateTimeRange?

        public init(fulfillmentStatus: FulfillmentStatus, fulfilledBy: FulfilledBy? = nil, fulfillmentServiceLevel: String? = nil, shipByWindow: DateTimeRange? = nil, deliverByWindow: DateTimeRange? = nil, labelPrintingWindow: DateTimeRange? = nil) {
            self.fulfillmentStatus = fulfillmentStatus
            self.fulfilledBy = fulfilledBy
            self.fulfillmentServiceLevel = fulfillmentServiceLevel
            self.shipByWindow = shipByWindow
            self.deliverByWindow = deliverByWindow
            self.labelPrintingWindow = labelPrintingWindow
        }
    }

    /// A time period with start and end boundaries. (model `DateTimeRange`)
    public struct DateTimeRange: Codable, Sendable, Equatable {
        /// The beginning of the time period, in ISO 8601 format.
        public var earliestDateTime: Date?
        /// The end of the time period, in ISO 8601 format.
        public var latestDateTime: Date?

        public init(earliestDateTime: Date? = nil, latestDateTime: Date? = nil) {
            self.earliestDateTime = earliestDateTime
            self.latestDateTime = latestDateTime
        }
    }

    /// Information about a physical shipping package, including tracking details. (model `OrderPackage`)
    public struct OrderPackage: Codable, Sendable, Equatable {
        /// A unique identifier for this package within the context of the order.
        public var packageReferenceId: String
        /// The exact time when this shipping package was created and prepared for shipment.
        public var createdTime: Date?
        /// The current status of this package.
        public var packageStatus: PackageStatus?
        /// The carrier responsible for transporting this package to the customer.
        public var carrier: String?
        /// The exact time when this package was handed over to the carrier and began its journey to the customer.
        public var shipTime: Date?
        /// The specific shipping method or service used for delivering this package.
        public var shippingService: String?
        /// The carrier-provided tracking number that customers can use to monitor the package's delivery progress.
        public var trackingNumber: String?
        /// The physical address from which this package was shipped, typically the merchant's warehouse or fulfillment center.
        public var shipFromAddress: MerchantAddress?
        /// A list of all order items included in this specific package.
        public var packageItems: [PackageItem]?

        public init(packageReferenceId: String, createdTime: Date? = nil, packageStatus: PackageStatus? = nil, carrier: String? = nil, shipTime: Date? = nil, shippingService: String? = nil, trackingNumber: String? = nil, shipFromAddress: MerchantAddress? = nil, packageItems: [PackageItem]? = nil) {
            self.packageReferenceId = packageReferenceId
            self.createdTime = createdTime
            self.packageStatus = packageStatus
            self.carrier = carrier
            self.shipTime = shipTime
            self.shippingService = shippingService
            self.trackingNumber = trackingNumber
            self.shipFromAddress = shipFromAddress
            self.packageItems = packageItems
        }
    }

    /// Current status and detailed tracking information for a shipping package throughout the delivery process. (model `PackageStatus`)
    public struct PackageStatus: Codable, Sendable, Equatable {
        /// Primary status classification of the package in the shipping workflow. Possible values: `PENDING`, `IN_TRANSIT`, `SHIPPED`, `DELIVERED`, `CANCELLED`, `UNDELIVERABLE`
        public var status: String
        /// Granular status information providing specific details about the package's current location and handling stage.
        public var detailedStatus: String?

        public init(status: String, detailedStatus: String? = nil) {
            self.status = status
            self.detailedStatus = detailedStatus
        }
    }

    /// Individual order item contained within a shipping package. (model `PackageItem`)
    public struct PackageItem: Codable, Sendable, Equatable {
        /// Unique identifier of the order item included in this package.
        public var orderItemId: String
        /// Number of units of this item included in the package shipment.
        public var quantity: Int
        /// The transparency codes associated with this item for product authentication.
        public var transparencyCodes: [String]?

        public init(orderItemId: String, quantity: Int, transparencyCodes: [String]? = nil) {
            self.orderItemId = orderItemId
            self.quantity = quantity
            self.transparencyCodes = transparencyCodes
        }
    }

    /// Information about a fulfillment order associated with a customer order. (model `FulfillmentOrder`)
    public struct FulfillmentOrder: Codable, Sendable, Equatable {
        /// The Fulfillment Order ID assigned by Amazon after fulfillment planning.
        public var fulfillmentOrderId: String

        public init(fulfillmentOrderId: String) {
            self.fulfillmentOrderId = fulfillmentOrderId
        }
    }
}
