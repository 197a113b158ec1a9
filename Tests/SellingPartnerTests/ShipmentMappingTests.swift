import Foundation
import Inventory
import SellingPartner
import Testing

/// The confirmShipment and createFulfillmentOrder requests built from recorded shipments (R21, R28), checked
/// against what the models require (`validate()`).
struct ShipmentMappingTests {
    static let us = try! ChannelName("amazon-us")

    func shipment(carrier: String) -> Shipment {
        Shipment(
            id: 1, orderId: 1, channel: Self.us, amazonOrderId: "111-0000000-0000001", packageReference: 2, carrier: carrier,
            trackingNumber: "1Z", shippedAt: Date(timeIntervalSince1970: 1_790_000_000),
            lines: [ShipmentLine(lineId: "53745892", quantity: 2)], confirmation: .pending, attempts: 0, nextAttemptAt: nil,
            lastError: nil, confirmedAt: nil)
    }

    // R21: listed carriers go by code, others as Other with their name; the package and items carry over.
    @Test func confirmShipmentRequest() throws {
        let listed = OrdersV0.ConfirmShipmentRequest(shipment: shipment(carrier: "royal mail"), marketplaceId: "A1F83G8C2ARO7P")
        try listed.validate()
        #expect(listed.packageDetail.carrierCode == "Royal Mail" && listed.packageDetail.carrierName == nil)
        #expect(listed.packageDetail.packageReferenceId == "2" && listed.packageDetail.trackingNumber == "1Z")
        #expect(listed.packageDetail.orderItems == [OrdersV0.ConfirmShipmentOrderItem(orderItemId: "53745892", quantity: 2)])
        let other = OrdersV0.ConfirmShipmentRequest(shipment: shipment(carrier: "Speedy Couriers"), marketplaceId: "ATVPDKIKX0DER")
        try other.validate()
        #expect(other.packageDetail.carrierCode == "Other" && other.packageDetail.carrierName == "Speedy Couriers")
    }

    // R28: only FBA lines are requested, numbered as the order's lines; the address maps field by field.
    @Test func createFulfillmentOrderRequest() throws {
        let lines = [
            LocalSalesOrderLine(lineNumber: 1, sku: "DESK", quantity: 1, unitPrice: nil, fulfillment: .mfn),
            LocalSalesOrderLine(lineNumber: 2, sku: "LAMP", quantity: 3, unitPrice: nil, fulfillment: .fba),
        ]
        let outbound = OutboundShipment(
            order: 7, channel: Self.us, sellerFulfillmentOrderId: "invsync-L7", warehouse: "FBA", request: .requested,
            amazonStatus: nil, statusUpdatedAt: nil, carrier: nil, trackingNumber: nil, fbaLines: [lines[1]],
            sellerLines: [lines[0]], attempts: 0, lastError: nil, stockMovedAt: nil)
        let address = BuyerPII(recipientName: "Pat", addressLines: ["1 Road", "Flat 2"], city: "Seattle", postalCode: "98101", countryCode: "US")
        let request = FulfillmentOutbound.CreateFulfillmentOrderRequest(
            outbound: outbound, destination: address, orderDate: Date(timeIntervalSince1970: 0), marketplaceId: "ATVPDKIKX0DER")
        try request.validate()
        #expect(request.sellerFulfillmentOrderId == "invsync-L7" && request.displayableOrderId == "L7")
        #expect(request.items.map(\.sellerSku) == ["LAMP"] && request.items.map(\.sellerFulfillmentOrderItemId) == ["2"])
        #expect(request.destinationAddress.addressLine1 == "1 Road" && request.destinationAddress.addressLine2 == "Flat 2")
        #expect(request.destinationAddress.postalCode == "98101" && request.destinationAddress.name == "Pat")
    }
}
