import Foundation
import Inventory
import Testing
@testable import SellingPartner

/// The order report reader on a document written by hand from Amazon's documented flat-file columns (issue 7).
@Suite struct OrdersReportTests {
    /// Amazon's documented columns of GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL, in Amazon's order.
    static let header = [
        "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel",
        "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku", "asin", "item-status", "quantity",
        "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
        "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
        "promotion-ids", "is-business-order", "purchase-order-number", "price-designation",
    ]

    /// One row with the given values by column name, the rest empty.
    static func row(_ values: [String: String], header: [String] = header) -> String {
        header.map { values[$0] ?? "" }.joined(separator: "\t")
    }

    static func item(_ id: String, status: String, channel: String = "Merchant", sku: String, quantity: String,
                     price: String, itemStatus: String = "Unshipped", title: String = "Mug", updated: String = "2026-11-20T14:00:00+00:00")
        -> [String: String]
    {
        [
            "amazon-order-id": id, "purchase-date": "2026-11-20T13:45:12+00:00", "last-updated-date": updated,
            "order-status": status, "fulfillment-channel": channel, "sales-channel": "Amazon.com", "order-channel": "",
            "ship-service-level": "Standard", "product-name": title, "sku": sku, "asin": "B0000000" + sku.suffix(2),
            "item-status": itemStatus, "quantity": quantity, "currency": "USD", "item-price": price, "item-tax": "0.00",
            "ship-city": "SEATTLE", "ship-state": "WA", "ship-postal-code": "98101", "ship-country": "US", "is-business-order": "false",
        ]
    }

    static func document(_ rows: [[String: String]], header: [String] = header) -> Data {
        Data(([header.joined(separator: "\t")] + rows.map { row($0, header: header) }).joined(separator: "\n").utf8 + [0x0A])
    }

    static func entries(_ data: Data) throws -> [OrdersReport.Entry] { Array(try OrdersReport(data)) }

    @Test func consecutiveRowsOfOneOrderBecomeOneOrderWithUnitPricesAndNoBuyerData() throws {
        let data = Self.document([
            Self.item("111-0000001-0000001", status: "Unshipped", sku: "SKU-01", quantity: "2", price: "80.00"),
            Self.item("111-0000001-0000001", status: "Unshipped", sku: "SKU-02", quantity: "3", price: "10.00"),
            Self.item("111-0000002-0000002", status: "Shipped", channel: "Amazon", sku: "SKU-03", quantity: "1", price: "5.5",
                      itemStatus: "Shipped"),
            Self.item("111-0000003-0000003", status: "PartiallyShipped", sku: "SKU-01", quantity: "1", price: "40.00", itemStatus: "Shipped"),
            Self.item("111-0000003-0000003", status: "PartiallyShipped", sku: "SKU-01", quantity: "1", price: "40.00"),
        ])
        let entries = try Self.entries(data)
        #expect(entries.count == 3)
        guard case .order(let first) = entries[0], case .order(let afn) = entries[1], case .order(let partial) = entries[2] else {
            Issue.record("entries \(entries)"); return
        }
        #expect(first.amazonOrderId == "111-0000001-0000001")
        #expect(first.status == .unshipped && first.fulfillmentChannel == .mfn)
        #expect(first.purchasedAt == AmazonTime.date("2026-11-20T13:45:12Z"))
        #expect(first.lastUpdatedAt == AmazonTime.date("2026-11-20T14:00:00Z"))
        #expect(first.buyer == nil)  // R30: the report has none, whatever ship-city says
        #expect(first.lines.map(\.lineId) == ["report-SKU-01", "report-SKU-02"])
        #expect(first.lines.map(\.quantity) == [2, 3])
        // item-price is the line's total: the unit price keeps Amazon's decimals, 10.00 / 3 keeps its digits.
        #expect(first.lines[0].unitPrice == (try Money(amount: "40.00", currency: "USD")))
        #expect(first.lines[1].unitPrice?.amount == "3.333333")
        #expect(first.lines.allSatisfy { $0.quantityShipped == 0 })
        #expect(first.lines[0].title == "Mug" && first.lines[0].asin == "B000000001")
        // R27: Amazon-fulfilled; a shipped order has every unit shipped.
        #expect(afn.fulfillmentChannel == .afn && afn.status == .shipped && afn.lines[0].quantityShipped == 1)
        #expect(afn.lines[0].unitPrice == (try Money(amount: "5.5", currency: "USD")))
        // Two rows of one SKU are two lines; the shipped item has its units shipped.
        #expect(partial.status == .partiallyShipped)
        #expect(partial.lines.map(\.lineId) == ["report-SKU-01", "report-SKU-01#2"])
        #expect(partial.lines.map(\.quantityShipped) == [1, 0])
    }

    @Test func everyStatusOfTheReportMapsAndAnUnknownOneIsNamed() throws {
        let known: [String: OrderStatus] = [
            "Pending": .pending, "Unshipped": .unshipped, "PartiallyShipped": .partiallyShipped, "Shipped": .shipped,
            "Cancelled": .cancelled, "Canceled": .cancelled, "PendingAvailability": .pendingAvailability,
            "Unfulfillable": .unfulfillable,
        ]
        for (wire, status) in known { #expect(OrdersReport.status(wire) == status) }
        #expect(OrdersReport.status("SHIPPED") == nil)  // the report spells statuses in CamelCase, not the API's

        let data = Self.document([
            Self.item("111-0000004-0000004", status: "LostInSpace", sku: "SKU-01", quantity: "1", price: "1.00"),
            Self.item("111-0000005-0000005", status: "Cancelled", sku: "SKU-02", quantity: "0", price: "", itemStatus: "Cancelled"),
        ])
        let entries = try Self.entries(data)
        #expect(entries.count == 2)
        #expect(entries[0] == .invalid(orderId: "111-0000004-0000004", line: 2,
                                       reason: OrderMappingError.unknownStatus(orderId: "111-0000004-0000004", status: "LostInSpace").description))
        guard case .order(let cancelled) = entries[1] else { Issue.record("\(entries[1])"); return }
        #expect(cancelled.status == .cancelled && cancelled.lines[0].quantity == 0 && cancelled.lines[0].unitPrice == nil)
    }

    @Test func aWindows1252LineIsReadAndColumnsGoByNameNotPosition() throws {
        // Columns shuffled and one unknown column added: the reader goes by header name.
        var header = Self.header.shuffled()
        header.append("new-column")
        var text = Data((header.joined(separator: "\t") + "\r\n").utf8)
        var values = Self.item("111-0000006-0000006", status: "Unshipped", sku: "SKU-09", quantity: "1", price: "9.99", title: "TITLE")
        values["new-column"] = "x"
        // "Café" in windows-1252: 0xE9 is not valid UTF-8.
        let line = Self.row(values, header: header)
        let parts = line.components(separatedBy: "TITLE")
        text.append(Data(parts[0].utf8)); text.append(contentsOf: [0x43, 0x61, 0x66, 0xE9]); text.append(Data((parts[1] + "\r\n").utf8))
        let entries = try Self.entries(text)
        #expect(entries.count == 1)
        guard case .order(let order) = entries.first else { Issue.record("\(entries)"); return }
        #expect(order.lines[0].title == "Café")
        let price = try Money(amount: "9.99", currency: "USD")
        #expect(order.lines[0].sku == "SKU-09" && order.lines[0].unitPrice == price)
    }

    @Test func aMissingRequiredColumnIsRefusedByName() throws {
        let header = Self.header.filter { $0 != "order-status" }
        let data = Self.document([Self.item("111-0000007-0000007", status: "Unshipped", sku: "SKU-01", quantity: "1", price: "1.00")],
                                 header: header)
        do {
            _ = try OrdersReport(data)
            Issue.record("a document without order-status was accepted")
        } catch let error as SellingPartnerError {
            #expect("\(error)".contains("order-status"))
        }
        // A listings report is not an order report.
        #expect(throws: SellingPartnerError.self) { try OrdersReport(Data("seller-sku\tquantity\nA\t1\n".utf8)) }
    }

    @Test func scatteredRowsBrokenRowsAndBadValuesAreNamedNotGuessed() throws {
        var broken = Self.row(Self.item("111-0000009-0000009", status: "Unshipped", sku: "SKU-01", quantity: "1", price: "1.00"))
        broken += "\textra"
        var text = Self.header.joined(separator: "\t") + "\n"
        text += Self.row(Self.item("111-0000008-0000008", status: "Unshipped", sku: "SKU-01", quantity: "1", price: "1.00")) + "\n"
        text += broken + "\n"
        text += Self.row(Self.item("111-0000010-0000010", status: "Unshipped", sku: "SKU-02", quantity: "-1", price: "1.00")) + "\n"
        text += Self.row(Self.item("111-0000011-0000011", status: "Unshipped", sku: "", quantity: "1", price: "1.00")) + "\n"
        text += Self.row(Self.item("111-0000012-0000012", status: "Unshipped", sku: "SKU-03", quantity: "1", price: "1,00")) + "\n"
        // Order 8 again, not adjacent to its first row.
        text += Self.row(Self.item("111-0000008-0000008", status: "Unshipped", sku: "SKU-04", quantity: "1", price: "1.00")) + "\n"
        let entries = try Self.entries(Data(text.utf8))
        #expect(entries.count == 6)
        // The broken row comes at once; it does not end order 8, which is complete only at the next order's row.
        guard case .invalid(nil, 3, let reason) = entries[0] else { Issue.record("\(entries[0])"); return }
        guard case .order(let eight) = entries[1] else { Issue.record("\(entries)"); return }
        #expect(eight.lines.map(\.sku) == ["SKU-01"])
        #expect(reason.contains("fields"))
        #expect(entries[2] == .invalid(orderId: "111-0000010-0000010", line: 4,
                                       reason: OrderMappingError.invalidQuantity(orderId: "111-0000010-0000010", orderItemId: "row 1").description))
        #expect(entries[3] == .invalid(orderId: "111-0000011-0000011", line: 5,
                                       reason: OrderMappingError.lineWithoutSKU(orderId: "111-0000011-0000011", orderItemId: "row 1").description))
        guard case .invalid("111-0000012-0000012", 6, _) = entries[4] else { Issue.record("\(entries[4])"); return }
        #expect(entries[5] == .scattered(orderId: "111-0000008-0000008", line: 7))
    }

    @Test func anEmptyReportHasNoOrders() throws {
        #expect(try Self.entries(Data((Self.header.joined(separator: "\t") + "\n").utf8)).isEmpty)
    }
}
