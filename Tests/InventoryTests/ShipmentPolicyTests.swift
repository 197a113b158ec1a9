import Foundation
import Inventory
import Testing

/// `ShipmentPolicy`: which units a new shipment may carry (R21, R27), for every order status and line request.
struct ShipmentPolicyTests {
    func order(_ status: OrderStatus, _ channel: FulfillmentChannel = .mfn, shipped: [Int] = [0, 0]) -> SalesOrder {
        SalesOrder(
            id: 1, channel: try! ChannelName("amazon-us"), amazonOrderId: "111-0000000-0000001", status: status,
            fulfillmentChannel: channel, customerName: "Amazon US - Customer", forceFulfilled: channel == .afn,
            warehouse: "Main", purchasedAt: Date(timeIntervalSince1970: 0), lastUpdatedAt: Date(timeIntervalSince1970: 0),
            fulfilledAt: nil, comments: "Paid",
            lines: [
                SalesOrderLine(lineId: "A", sku: "S1", asin: nil, quantity: 3, quantityShipped: shipped[0], unitPrice: nil),
                SalesOrderLine(lineId: "B", sku: "S2", asin: nil, quantity: 1, quantityShipped: shipped[1], unitPrice: nil),
            ],
            piiState: .none, contactId: nil)
    }

    func refusal(_ o: SalesOrder, _ lines: [ShipmentLine]?) -> ShipmentPolicy.Refusal? {
        do {
            _ = try ShipmentPolicy.lines(for: o, requested: lines)
            return nil
        } catch { return error }
    }

    // R21: by default every unshipped unit ships; a partial order ships what is left.
    @Test func defaultShipsEveryUnshippedUnit() throws {
        #expect(try ShipmentPolicy.lines(for: order(.unshipped), requested: nil)
            == [ShipmentLine(lineId: "A", quantity: 3), ShipmentLine(lineId: "B", quantity: 1)])
        #expect(try ShipmentPolicy.lines(for: order(.partiallyShipped, shipped: [1, 1]), requested: nil)
            == [ShipmentLine(lineId: "A", quantity: 2)])
    }

    // R27, R17: only confirmed MFN orders ship; each status has its reason.
    @Test func statusesAndChannels() {
        for status in OrderStatus.allCases {
            let r = refusal(order(status), nil)
            switch status {
            case .unshipped, .partiallyShipped: #expect(r == nil, "\(status)")
            case .cancelled, .unfulfillable: #expect(r == .cancelled)
            case .pending, .pendingAvailability: #expect(r == .notConfirmed(status))
            case .shipped: #expect(r == .alreadyShipped)
            }
            #expect(refusal(order(status, .afn), nil) == .forceFulfilled)
        }
        #expect(refusal(order(.partiallyShipped, shipped: [3, 1]), nil) == .alreadyShipped)
    }

    // R21: requested lines are checked one by one.
    @Test func requestedLines() throws {
        let o = order(.partiallyShipped, shipped: [2, 1])
        #expect(try ShipmentPolicy.lines(for: o, requested: [ShipmentLine(lineId: "A", quantity: 1)]) == [ShipmentLine(lineId: "A", quantity: 1)])
        #expect(refusal(o, [ShipmentLine(lineId: "A", quantity: 2)]) == .tooMany(lineId: "A", requested: 2, unshipped: 1))
        #expect(refusal(o, [ShipmentLine(lineId: "A", quantity: 0)]) == .tooMany(lineId: "A", requested: 0, unshipped: 1))
        #expect(refusal(o, [ShipmentLine(lineId: "B", quantity: 1)]) == .lineAlreadyShipped("B"))
        #expect(refusal(o, [ShipmentLine(lineId: "Z", quantity: 1)]) == .noSuchLine("Z"))
        #expect(refusal(o, [ShipmentLine(lineId: "A", quantity: 1), ShipmentLine(lineId: "A", quantity: 1)]) == .duplicateLine("A"))
        #expect(ShipmentPolicy.Refusal.tooMany(lineId: "A", requested: 2, unshipped: 1).description.contains("give 1 to 1"))
    }

    // R28: local order references are L<id>, and only those.
    @Test func localOrderReferences() {
        #expect(LocalSalesOrder.reference(12) == "L12")
        #expect(LocalSalesOrder.id(fromReference: "L12") == 12 && LocalSalesOrder.id(fromReference: "l7") == 7)
        for bad in ["12", "L", "L0", "L-1", "111-0000000-0000001", "LX"] { #expect(LocalSalesOrder.id(fromReference: bad) == nil, "\(bad)") }
        #expect(OutboundShipment.sellerFulfillmentOrderId(for: 12) == "invsync-L12")
    }
}
