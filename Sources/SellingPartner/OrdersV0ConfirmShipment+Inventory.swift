import Foundation
import Inventory

extension OrdersV0.ConfirmShipmentRequest {
    /// The confirmation of one recorded shipment (R21): the package, its carrier and tracking, and its items.
    public init(shipment: Shipment, marketplaceId: String) {
        let carrier = OrdersV0.CarrierCode.match(shipment.carrier)
        self.init(
            packageDetail: OrdersV0.PackageDetail(
                packageReferenceId: String(shipment.packageReference), carrierCode: carrier?.rawValue ?? "Other",
                carrierName: carrier == nil ? shipment.carrier : nil, trackingNumber: shipment.trackingNumber,
                shipDate: shipment.shippedAt,
                orderItems: shipment.lines.map { OrdersV0.ConfirmShipmentOrderItem(orderItemId: $0.lineId, quantity: $0.quantity) }),
            marketplaceId: marketplaceId)
    }
}

extension OrdersV0 {
    /// A carrier code Amazon lists (model `CarrierCode`, the common part); an unlisted carrier is sent as `Other`
    /// with its name.
    public struct CarrierCode: OpenEnumeration {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        static let known = [
            "UPS", "USPS", "FedEx", "DHL", "DHL eCommerce", "OnTrac", "LaserShip", "Amazon Shipping", "Canada Post",
            "Royal Mail", "Parcelforce", "DPD", "Hermes", "Yodel", "Evri", "India Post", "Blue Dart", "Delhivery",
            "DTDC", "Ecom Express", "Xpressbees",
        ]

        /// The listed code the seller's carrier name stands for, ignoring case and spaces; nil when unlisted.
        public static func match(_ name: String) -> CarrierCode? {
            func squash(_ s: String) -> String { s.lowercased().filter { !$0.isWhitespace } }
            let wanted = squash(name)
            return known.first { squash($0) == wanted }.map(CarrierCode.init(rawValue:))
        }
    }
}
