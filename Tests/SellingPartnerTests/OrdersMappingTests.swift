import Foundation
import Inventory
import Testing
@testable import SellingPartner

/// `Orders.Order` → `IncomingOrder` at the edge: Amazon's own examples and hand-made edge cases.
@Suite struct OrdersMappingTests {
    static let search = "orders_2026-01-01.searchOrders"

    static func amazonExamples() throws -> [String: Orders.Order] {
        let bodies = try ModelFixtures.staticSuccessBodies("orders_2026-01-01", operation: "searchOrders")
        let pages = try bodies.map { try ResponseDecoder.decode(Orders.SearchOrdersResponse.self, from: $0, operation: search) }
        return Dictionary(pages.flatMap(\.orders).map { ($0.orderId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func order(status: Orders.FulfillmentStatus? = .unshipped, by: Orders.FulfilledBy? = .merchant,
                      items: [Orders.OrderItem]? = nil, buyer: Orders.Buyer? = nil, recipient: Orders.Recipient? = nil) -> Orders.Order {
        let created = Date(timeIntervalSince1970: 1_790_000_000)
        let defaultItem = Orders.OrderItem(
            orderItemId: "1001", quantityOrdered: 3,
            product: Orders.ItemProduct(asin: "B000TEST01", title: "Mug", sellerSku: "SKU-1",
                                        price: Orders.ItemPrice(unitPrice: Orders.Money(amount: Decimal(string: "12.50")!, currencyCode: "USD"))),
            fulfillment: Orders.ItemFulfillment(quantityFulfilled: 1, quantityUnfulfilled: 2))
        return Orders.Order(
            orderId: "111-0000001-0000001", createdTime: created, lastUpdatedTime: created.addingTimeInterval(60),
            salesChannel: Orders.SalesChannel(channelName: "AMAZON", marketplaceId: "ATVPDKIKX0DER"), buyer: buyer, recipient: recipient,
            fulfillment: status.map { Orders.OrderFulfillment(fulfillmentStatus: $0, fulfilledBy: by) },
            orderItems: items ?? [defaultItem])
    }

    /// Amazon's examples map: status, AFN for fulfilledBy AMAZON (R27), lines with SKU, ASIN, quantities and prices.
    @Test func amazonExamplesMap() throws {
        let orders = try Self.amazonExamples()
        let jp = try #require(orders["250-1234567-8901234"]).incomingOrder()
        #expect(jp.status == .shipped)
        #expect(jp.fulfillmentChannel == .afn)  // R27
        #expect(jp.purchasedAt == AmazonTime.date("2024-12-25T02:30:00Z"))
        #expect(jp.lastUpdatedAt == AmazonTime.date("2024-12-25T06:45:00Z"))
        let line = try #require(jp.lines.first)
        #expect(line.lineId == "25012345678901")
        #expect(line.sku == "ECHO-DOT-4-JP-CHARCOAL")
        #expect(line.asin == "B08C1W5N87")
        #expect(line.quantity == 1)
        #expect(line.quantityShipped == 1)
        #expect(line.unitPrice == (try Inventory.Money(amount: "5980", currency: "JPY")))
        #expect(jp.buyer?.buyerName == "John Smith")  // R30: carried to the vault, never elsewhere

        let uk = try #require(orders["202-7654321-1098765"]).incomingOrder()
        #expect(uk.fulfillmentChannel == .mfn)
    }

    /// A hand-made order maps field by field, the price kept exactly as a decimal string.
    @Test func linesAndPriceMapExactly() throws {
        let order = try Self.order().incomingOrder()
        #expect(order.amazonOrderId == "111-0000001-0000001")
        #expect(order.status == .unshipped)
        #expect(order.fulfillmentChannel == .mfn)
        #expect(order.lines == [IncomingOrderLine(lineId: "1001", sku: "SKU-1", asin: "B000TEST01", title: "Mug", quantity: 3,
                                                  quantityShipped: 1, unitPrice: try Money(amount: "12.5", currency: "USD"))])
        #expect(order.buyer == nil)  // R30: nothing sent, nothing stored
    }

    /// Each Amazon status maps through OrderStatus(amazon:) (R17).
    @Test(arguments: [("PENDING", OrderStatus.pending), ("UNSHIPPED", .unshipped), ("PARTIALLY_SHIPPED", .partiallyShipped),
                      ("SHIPPED", .shipped), ("CANCELLED", .cancelled), ("PENDING_AVAILABILITY", .pendingAvailability)])
    func statusesMap(wire: String, expected: OrderStatus) throws {
        #expect(try Self.order(status: Orders.FulfillmentStatus(rawValue: wire)).incomingOrder().status == expected)
    }

    /// Buyer and recipient come together into BuyerPII (R30).
    @Test func buyerAndRecipientBecomePII() throws {
        let address = Orders.CustomerAddress(name: "Jane Recipient", addressLine1: "1 Example Street", addressLine2: "", city: "Sampletown",
                                             stateOrRegion: "ST", postalCode: "12345", countryCode: "US", phone: "+1 555 0100")
        let order = try Self.order(buyer: Orders.Buyer(buyerName: "Jane Buyer", buyerEmail: "jane@example.com"),
                                   recipient: Orders.Recipient(deliveryAddress: address)).incomingOrder()
        let pii = try #require(order.buyer)
        #expect(pii.buyerName == "Jane Buyer")
        #expect(pii.buyerEmail == "jane@example.com")
        #expect(pii.buyerPhone == "+1 555 0100")
        #expect(pii.recipientName == "Jane Recipient")
        #expect(pii.addressLines == ["1 Example Street"])
        #expect(pii.city == "Sampletown" && pii.postalCode == "12345" && pii.countryCode == "US" && pii.stateOrRegion == "ST")
        // An empty buyer object is no PII at all.
        #expect(try Self.order(buyer: Orders.Buyer()).incomingOrder().buyer == nil)
    }

    /// Orders that cannot be mapped are named errors, not crashes.
    @Test func unmappableOrdersAreNamedErrors() throws {
        #expect(throws: OrderMappingError.missingStatus(orderId: "111-0000001-0000001")) { try Self.order(status: nil).incomingOrder() }
        #expect(throws: OrderMappingError.unknownStatus(orderId: "111-0000001-0000001", status: "LOST_IN_SPACE")) {
            try Self.order(status: Orders.FulfillmentStatus(rawValue: "LOST_IN_SPACE")).incomingOrder()
        }
        let noSku = Orders.OrderItem(orderItemId: "7", quantityOrdered: 1, product: Orders.ItemProduct(asin: "B0"))
        #expect(throws: OrderMappingError.lineWithoutSKU(orderId: "111-0000001-0000001", orderItemId: "7")) {
            try Self.order(items: [noSku]).incomingOrder()
        }
        let badPrice = Orders.OrderItem(orderItemId: "8", quantityOrdered: 1, product: Orders.ItemProduct(
            sellerSku: "S", price: Orders.ItemPrice(unitPrice: Orders.Money(amount: 1, currencyCode: "usd"))))
        #expect(throws: OrderMappingError.self) { try Self.order(items: [badPrice]).incomingOrder() }
        let negative = Orders.OrderItem(orderItemId: "9", quantityOrdered: -1, product: Orders.ItemProduct(sellerSku: "S"))
        #expect(throws: OrderMappingError.invalidQuantity(orderId: "111-0000001-0000001", orderItemId: "9")) {
            try Self.order(items: [negative]).incomingOrder()
        }
        #expect(OrderMappingError.missingStatus(orderId: "X").description.contains("FULFILLMENT"))
    }

    /// A shipped order without item-level fulfillment counts every unit shipped; amounts print without exponent.
    @Test func shippedWithoutItemFulfillmentAndDecimalText() throws {
        let item = Orders.OrderItem(orderItemId: "1", quantityOrdered: 2, product: Orders.ItemProduct(sellerSku: "S"))
        #expect(try Self.order(status: .shipped, items: [item]).incomingOrder().lines[0].quantityShipped == 2)
        #expect(Orders.Order.decimalString(Decimal(string: "0.5")!) == "0.5")
        #expect(Orders.Order.decimalString(Decimal(string: "-3")!) == "-3")
        #expect(Orders.Order.decimalString(Decimal(string: "1234567.89")!) == "1234567.89")
        #expect(Money.isDecimal(Orders.Order.decimalString(Decimal(string: "1e3")!)))
    }
}
