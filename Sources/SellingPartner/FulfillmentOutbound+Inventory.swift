import Foundation
import Inventory

extension FulfillmentOutbound.CreateFulfillmentOrderRequest {
    /// The MCF order for the FBA lines of a local sales order (R28), shipped Standard to `destination`. The
    /// line number is the `sellerFulfillmentOrderItemId`, so Amazon's shipment items map back to the lines.
    public init(outbound: OutboundShipment, destination: BuyerPII, orderDate: Date, marketplaceId: String) {
        let lines = destination.addressLines
        self.init(
            marketplaceId: marketplaceId, sellerFulfillmentOrderId: outbound.sellerFulfillmentOrderId,
            displayableOrderId: LocalSalesOrder.reference(outbound.order), displayableOrderDate: orderDate,
            displayableOrderComment: "Thank you for your order", shippingSpeedCategory: .standard,
            destinationAddress: FulfillmentOutbound.Address(
                name: destination.recipientName ?? destination.buyerName ?? "", addressLine1: lines.first ?? "",
                addressLine2: lines.count > 1 ? lines[1] : nil, addressLine3: lines.count > 2 ? lines[2] : nil,
                city: destination.city, stateOrRegion: destination.stateOrRegion, postalCode: destination.postalCode ?? "",
                countryCode: destination.countryCode ?? "", phone: destination.buyerPhone),
            items: outbound.fbaLines.map {
                FulfillmentOutbound.CreateFulfillmentOrderItem(
                    sellerSku: $0.sku, sellerFulfillmentOrderItemId: String($0.lineNumber), quantity: $0.quantity)
            })
    }
}

extension FulfillmentOutbound.GetFulfillmentOrderResult {
    /// Amazon has finished the order: every unit shipped, or all it could.
    public var isFinished: Bool {
        [.complete, .completePartialled].contains(fulfillmentOrder.fulfillmentOrderStatus)
    }

    /// Units shipped per line number (`sellerFulfillmentOrderItemId`), from the SHIPPED shipments; when Amazon
    /// lists none, the ordered units less the cancelled and unfulfillable ones.
    public var shippedUnitsByLine: [Int: Int] {
        var units: [Int: Int] = [:]
        let shipped = (fulfillmentShipments ?? []).filter { $0.fulfillmentShipmentStatus == .shipped }
        if shipped.isEmpty {
            for item in fulfillmentOrderItems {
                guard let line = Int(item.sellerFulfillmentOrderItemId) else { continue }
                units[line, default: 0] += max(0, item.quantity - item.cancelledQuantity - item.unfulfillableQuantity)
            }
            return units
        }
        for shipment in shipped {
            for item in shipment.fulfillmentShipmentItem {
                guard let line = Int(item.sellerFulfillmentOrderItemId) else { continue }
                units[line, default: 0] += item.quantity
            }
        }
        return units
    }

    /// The first package's carrier and tracking number, once Amazon has shipped one.
    public var firstPackage: (carrier: String, trackingNumber: String?)? {
        for shipment in fulfillmentShipments ?? [] {
            if let p = shipment.fulfillmentShipmentPackage?.first { return (p.carrierCode, p.trackingNumber) }
        }
        return nil
    }
}
