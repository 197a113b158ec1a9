import Foundation

/// Fulfillment Outbound API 2020-07-01 wire types (`fulfillmentOutbound_2020-07-01.json`): Multi-Channel Fulfillment orders.
public enum FulfillmentOutbound {
    /// `CreateFulfillmentOrderRequest` (the fields the product sends plus every required one).
    public struct CreateFulfillmentOrderRequest: Codable, Sendable {
        public var marketplaceId: String?
        /// The seller's own id of this MCF order, 1 to 40 characters, unique per seller.
        public var sellerFulfillmentOrderId: String
        public var displayableOrderId: String
        public var displayableOrderDate: Date
        public var displayableOrderComment: String
        public var shippingSpeedCategory: ShippingSpeedCategory
        public var destinationAddress: Address
        public var fulfillmentAction: FulfillmentAction?
        public var fulfillmentPolicy: FulfillmentPolicy?
        public var notificationEmails: [String]?
        public var items: [CreateFulfillmentOrderItem]

        public init(marketplaceId: String? = nil, sellerFulfillmentOrderId: String, displayableOrderId: String,
                    displayableOrderDate: Date, displayableOrderComment: String, shippingSpeedCategory: ShippingSpeedCategory,
                    destinationAddress: Address, fulfillmentAction: FulfillmentAction? = nil,
                    fulfillmentPolicy: FulfillmentPolicy? = nil, notificationEmails: [String]? = nil,
                    items: [CreateFulfillmentOrderItem]) {
            self.marketplaceId = marketplaceId
            self.sellerFulfillmentOrderId = sellerFulfillmentOrderId
            self.displayableOrderId = displayableOrderId
            self.displayableOrderDate = displayableOrderDate
            self.displayableOrderComment = displayableOrderComment
            self.shippingSpeedCategory = shippingSpeedCategory
            self.destinationAddress = destinationAddress
            self.fulfillmentAction = fulfillmentAction
            self.fulfillmentPolicy = fulfillmentPolicy
            self.notificationEmails = notificationEmails
            self.items = items
        }

        /// Refuses what Amazon would refuse (the model's lengths and required values), with the fix in words.
        public func validate() throws {
            func check(_ value: String, _ name: String, max: Int) throws {
                guard (1...max).contains(value.count) else {
                    throw SellingPartnerError.invalidRequest("createFulfillmentOrder \(name) must be 1 to \(max) characters, got \(value.count)")
                }
            }
            try check(sellerFulfillmentOrderId, "sellerFulfillmentOrderId", max: 40)
            try check(displayableOrderId, "displayableOrderId", max: 40)
            try check(displayableOrderComment, "displayableOrderComment", max: 750)
            for (value, name) in [(destinationAddress.name, "name"), (destinationAddress.addressLine1, "addressLine1"),
                                  (destinationAddress.countryCode, "countryCode"), (destinationAddress.postalCode, "postalCode")]
            where value.isEmpty {
                throw SellingPartnerError.invalidRequest("createFulfillmentOrder destinationAddress.\(name) is empty; Amazon requires it")
            }
            guard !items.isEmpty else { throw SellingPartnerError.invalidRequest("createFulfillmentOrder needs at least one item") }
            for item in items {
                try check(item.sellerSku, "item sellerSku", max: 50)
                try check(item.sellerFulfillmentOrderItemId, "item sellerFulfillmentOrderItemId", max: 50)
                guard item.quantity > 0 else {
                    throw SellingPartnerError.invalidRequest("createFulfillmentOrder item \(item.sellerSku) has quantity \(item.quantity); use a positive quantity")
                }
            }
        }
    }

    /// `CreateFulfillmentOrderItem`.
    public struct CreateFulfillmentOrderItem: Codable, Sendable {
        public var sellerSku: String
        /// The seller's id of this line, unique within the order, at most 50 characters.
        public var sellerFulfillmentOrderItemId: String
        public var quantity: Int
        public var giftMessage: String?
        public var displayableComment: String?
        public var perUnitDeclaredValue: Money?

        public init(sellerSku: String, sellerFulfillmentOrderItemId: String, quantity: Int, giftMessage: String? = nil,
                    displayableComment: String? = nil, perUnitDeclaredValue: Money? = nil) {
            self.sellerSku = sellerSku
            self.sellerFulfillmentOrderItemId = sellerFulfillmentOrderItemId
            self.quantity = quantity
            self.giftMessage = giftMessage
            self.displayableComment = displayableComment
            self.perUnitDeclaredValue = perUnitDeclaredValue
        }
    }

    /// `Address`.
    public struct Address: Codable, Sendable, Hashable {
        public var name: String
        public var addressLine1: String
        public var addressLine2: String?
        public var addressLine3: String?
        public var city: String?
        public var districtOrCounty: String?
        public var stateOrRegion: String?
        public var postalCode: String
        public var countryCode: String
        public var phone: String?

        public init(name: String, addressLine1: String, addressLine2: String? = nil, addressLine3: String? = nil,
                    city: String? = nil, districtOrCounty: String? = nil, stateOrRegion: String? = nil,
                    postalCode: String, countryCode: String, phone: String? = nil) {
            self.name = name
            self.addressLine1 = addressLine1
            self.addressLine2 = addressLine2
            self.addressLine3 = addressLine3
            self.city = city
            self.districtOrCounty = districtOrCounty
            self.stateOrRegion = stateOrRegion
            self.postalCode = postalCode
            self.countryCode = countryCode
            self.phone = phone
        }
    }

    /// `Money`: the value is a decimal string on the wire and a `Decimal` here.
    public struct Money: Codable, Sendable, Hashable {
        public var currencyCode: String
        public var value: Decimal

        public init(currencyCode: String, value: Decimal) {
            self.currencyCode = currencyCode
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case currencyCode, value }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currencyCode = try container.decode(String.self, forKey: .currencyCode)
            value = try ListingsDecimalString.decode(container, .value)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(currencyCode, forKey: .currencyCode)
            try container.encode(value.description, forKey: .value)
        }
    }

    /// `CreateFulfillmentOrderResponse`: empty on success.
    public struct CreateFulfillmentOrderResponse: Codable, Sendable {
        public var errors: [SellingPartnerError.APIError]?
    }

    /// `GetFulfillmentOrderResponse`.
    public struct GetFulfillmentOrderResponse: Codable, Sendable {
        public var payload: GetFulfillmentOrderResult?
        public var errors: [SellingPartnerError.APIError]?
    }

    /// `GetFulfillmentOrderResult`: the order, its lines and what shipped.
    public struct GetFulfillmentOrderResult: Codable, Sendable {
        public var fulfillmentOrder: FulfillmentOrder
        public var fulfillmentOrderItems: [FulfillmentOrderItem]
        public var fulfillmentShipments: [FulfillmentShipment]?
        /// Returns are not used by the product; kept raw so they never fail decoding.
        public var returnItems: [ListingsAttributeValue]
        public var returnAuthorizations: [ListingsAttributeValue]
    }

    /// `FulfillmentOrder`.
    public struct FulfillmentOrder: Codable, Sendable {
        public var sellerFulfillmentOrderId: String
        /// Required by the model, yet missing from the model's own listAllFulfillmentOrders example, so optional here.
        public var marketplaceId: String?
        public var displayableOrderId: String
        public var displayableOrderDate: Date
        public var displayableOrderComment: String
        public var shippingSpeedCategory: ShippingSpeedCategory
        public var destinationAddress: Address
        public var fulfillmentAction: FulfillmentAction?
        public var fulfillmentPolicy: FulfillmentPolicy?
        public var receivedDate: Date
        public var fulfillmentOrderStatus: FulfillmentOrderStatus
        public var statusUpdatedDate: Date
        public var notificationEmails: [String]?
    }

    /// `FulfillmentOrderItem`.
    public struct FulfillmentOrderItem: Codable, Sendable {
        public var sellerSku: String
        public var sellerFulfillmentOrderItemId: String
        public var quantity: Int
        public var fulfillmentNetworkSku: String?
        public var orderItemDisposition: String?
        public var cancelledQuantity: Int
        public var unfulfillableQuantity: Int
        public var estimatedShipDate: Date?
        public var estimatedArrivalDate: Date?
        public var perUnitDeclaredValue: Money?
    }

    /// `FulfillmentShipment`: one shipment Amazon sent for the order, with its packages.
    public struct FulfillmentShipment: Codable, Sendable {
        public var amazonShipmentId: String
        public var fulfillmentCenterId: String
        public var fulfillmentShipmentStatus: FulfillmentShipmentStatus
        public var shippingDate: Date?
        public var estimatedArrivalDate: Date?
        public var shippingNotes: [String]?
        public var fulfillmentShipmentItem: [FulfillmentShipmentItem]
        public var fulfillmentShipmentPackage: [FulfillmentShipmentPackage]?
    }

    /// `FulfillmentShipmentItem`.
    public struct FulfillmentShipmentItem: Codable, Sendable {
        public var sellerSku: String
        public var sellerFulfillmentOrderItemId: String
        public var quantity: Int
        public var packageNumber: Int?
        public var serialNumber: String?
        public var manufacturerLotCodes: [String]?
    }

    /// `FulfillmentShipmentPackage`: a parcel and its tracking.
    public struct FulfillmentShipmentPackage: Codable, Sendable {
        public var packageNumber: Int
        public var carrierCode: String
        public var trackingNumber: String?
        public var amazonFulfillmentTrackingNumber: String?
        public var estimatedArrivalDate: Date?
    }

    /// `ListAllFulfillmentOrdersResponse`.
    public struct ListAllFulfillmentOrdersResponse: Codable, Sendable {
        public var payload: ListAllFulfillmentOrdersResult?
        public var errors: [SellingPartnerError.APIError]?
    }

    /// `ListAllFulfillmentOrdersResult`: one page; `nextToken` sits here, not in a pagination object.
    public struct ListAllFulfillmentOrdersResult: Codable, Sendable {
        public var nextToken: String?
        public var fulfillmentOrders: [FulfillmentOrder]?
    }

    /// `ShippingSpeedCategory` values.
    public struct ShippingSpeedCategory: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let standard = Self(rawValue: "Standard")
        public static let expedited = Self(rawValue: "Expedited")
        public static let priority = Self(rawValue: "Priority")
        public static let scheduledDelivery = Self(rawValue: "ScheduledDelivery")
    }

    /// `FulfillmentAction` values.
    public struct FulfillmentAction: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let ship = Self(rawValue: "Ship")
        public static let hold = Self(rawValue: "Hold")
    }

    /// `FulfillmentPolicy` values.
    public struct FulfillmentPolicy: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let fillOrKill = Self(rawValue: "FillOrKill")
        public static let fillAll = Self(rawValue: "FillAll")
        public static let fillAllAvailable = Self(rawValue: "FillAllAvailable")
    }

    /// `FulfillmentOrderStatus` values.
    ///
    /// The model spells them `Processing`, its own examples `PROCESSING`; known values are read in any case and
    /// kept in the model's spelling so comparisons with the constants hold.
    public struct FulfillmentOrderStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) {
            self.rawValue = Self.known.first { $0.caseInsensitiveCompare(rawValue) == .orderedSame } ?? rawValue
        }
        static let known = ["New", "Received", "Planning", "Processing", "Cancelled", "Complete", "CompletePartialled", "Unfulfillable", "Invalid"]
        public static let new = Self(rawValue: "New")
        public static let received = Self(rawValue: "Received")
        public static let planning = Self(rawValue: "Planning")
        public static let processing = Self(rawValue: "Processing")
        public static let cancelled = Self(rawValue: "Cancelled")
        public static let complete = Self(rawValue: "Complete")
        public static let completePartialled = Self(rawValue: "CompletePartialled")
        public static let unfulfillable = Self(rawValue: "Unfulfillable")
        public static let invalid = Self(rawValue: "Invalid")
    }

    /// `FulfillmentShipment.fulfillmentShipmentStatus` values.
    public struct FulfillmentShipmentStatus: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let pending = Self(rawValue: "PENDING")
        public static let shipped = Self(rawValue: "SHIPPED")
        public static let cancelledByFulfiller = Self(rawValue: "CANCELLED_BY_FULFILLER")
        public static let cancelledBySeller = Self(rawValue: "CANCELLED_BY_SELLER")
    }
}
