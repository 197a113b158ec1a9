import Foundation

/// Namespace of the Orders API v0 types, apart from 2026-01-01's because both versions define similar names.
public enum OrdersV0 {}

extension OrdersV0 {
    /// The body of confirmShipment: one package of an order and the items in it (model `ConfirmShipmentRequest`).
    public struct ConfirmShipmentRequest: Codable, Sendable, Equatable {
        public var packageDetail: PackageDetail
        /// Only supported in the JP marketplace.
        public var codCollectionMethod: CodCollectionMethod?
        /// The marketplace the order was placed in.
        public var marketplaceId: String

        public init(packageDetail: PackageDetail, codCollectionMethod: CodCollectionMethod? = nil, marketplaceId: String) {
            self.packageDetail = packageDetail
            self.codCollectionMethod = codCollectionMethod
            self.marketplaceId = marketplaceId
        }

        /// Throws `SellingPartnerError.invalidRequest` for what Amazon would refuse with a 400.
        public func validate() throws {
            if marketplaceId.isEmpty { throw SellingPartnerError.invalidRequest("confirmShipment needs the order's marketplaceId") }
            let reference = packageDetail.packageReferenceId
            guard let number = UInt64(reference), number > 0 else {
                throw SellingPartnerError.invalidRequest("confirmShipment packageReferenceId \"\(reference.prefix(40))\" must be a positive number, e.g. \"1\"")
            }
            if packageDetail.carrierCode.isEmpty { throw SellingPartnerError.invalidRequest("confirmShipment needs a carrierCode (use \"Other\" with carrierName for unlisted carriers)") }
            if packageDetail.carrierCode == "Other", packageDetail.carrierName?.isEmpty ?? true {
                throw SellingPartnerError.invalidRequest("confirmShipment with carrierCode \"Other\" needs carrierName")
            }
            if packageDetail.trackingNumber.isEmpty { throw SellingPartnerError.invalidRequest("confirmShipment needs a trackingNumber") }
            if packageDetail.orderItems.isEmpty { throw SellingPartnerError.invalidRequest("confirmShipment needs at least one order item in the package") }
            for item in packageDetail.orderItems where item.orderItemId.isEmpty || item.quantity < 1 {
                throw SellingPartnerError.invalidRequest("confirmShipment order item \"\(item.orderItemId)\" needs an id and a quantity of at least 1")
            }
        }
    }

    /// The COD collection method of confirmShipment (model enum, JP only); tolerant of values added later.
    public struct CodCollectionMethod: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let directPayment = Self(rawValue: "DirectPayment")
    }

    /// One shipped package: carrier, tracking and the order items inside (model `PackageDetail`).
    public struct PackageDetail: Codable, Sendable, Equatable {
        /// The seller's reference for the package, unique within the order; Amazon takes positive numbers only (model `PackageReferenceId`).
        public var packageReferenceId: String
        /// The carrier that delivers the package; required for all marketplaces (`Other` needs `carrierName`).
        public var carrierCode: String
        /// Required when `carrierCode` is `Other`.
        public var carrierName: String?
        public var shippingMethod: String?
        public var trackingNumber: String
        /// Sent as ISO 8601 (`2026-11-27T03:35:30Z`).
        public var shipDate: Date
        public var shipFromSupplySourceId: String?
        /// The items in this package and their quantities (model `ConfirmShipmentOrderItemsList`).
        public var orderItems: [ConfirmShipmentOrderItem]

        public init(packageReferenceId: String, carrierCode: String, carrierName: String? = nil, shippingMethod: String? = nil,
                    trackingNumber: String, shipDate: Date, shipFromSupplySourceId: String? = nil, orderItems: [ConfirmShipmentOrderItem]) {
            self.packageReferenceId = packageReferenceId
            self.carrierCode = carrierCode
            self.carrierName = carrierName
            self.shippingMethod = shippingMethod
            self.trackingNumber = trackingNumber
            self.shipDate = shipDate
            self.shipFromSupplySourceId = shipFromSupplySourceId
            self.orderItems = orderItems
        }
    }

    /// One order item and how many of its units are in the package (model `ConfirmShipmentOrderItem`).
    public struct ConfirmShipmentOrderItem: Codable, Sendable, Equatable {
        public var orderItemId: String
        public var quantity: Int
        /// Transparency codes of the shipped units, when the product is enrolled in Transparency.
        public var transparencyCodes: [String]?

        public init(orderItemId: String, quantity: Int, transparencyCodes: [String]? = nil) {
            self.orderItemId = orderItemId
            self.quantity = quantity
            self.transparencyCodes = transparencyCodes
        }
    }
}
