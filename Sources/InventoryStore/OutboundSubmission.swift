import Foundation
import Inventory

/// What the engine needs to send one MCF order: the shipment, the destination opened from the vault, and the
/// order date. Carries PII: never log it (the destination prints as `BuyerPII(redacted)`).
public struct OutboundSubmission: Sendable {
    public var shipment: OutboundShipment
    public var destination: BuyerPII
    public var orderDate: Date

    public init(shipment: OutboundShipment, destination: BuyerPII, orderDate: Date) {
        self.shipment = shipment
        self.destination = destination
        self.orderDate = orderDate
    }
}
