import Foundation

/// Writes the tab-separated document of `GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL` from the sandbox's orders.
///
/// One row per order item of every order of the marketplace whose last update, as at `snapshot` (the report's
/// creation), lies in [start, end], sorted by that time. Amazon's flat file leaves the buyer's name, street, phone and
/// email out; so does this one. Written byte by byte: 50,000 orders must take well under a second.
struct OrderReport {
    static let reportType = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL"

    /// Amazon's documented flat-file columns, in Amazon's order.
    static let columns = [
        "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel",
        "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku", "asin", "item-status", "quantity",
        "currency", "item-price", "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
        "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
        "promotion-ids", "is-business-order", "purchase-order-number", "price-designation",
    ]

    let snapshot: Date
    let start: Date
    let end: Date
    let marketplace: Marketplace

    /// The report's orders with their last-updated time as at the snapshot, oldest update first.
    func selected(_ orders: some Sequence<SandboxOrder>) -> [(order: SandboxOrder, updated: Date)] {
        var rows: [(order: SandboxOrder, updated: Date)] = []
        for o in orders where o.marketplace == marketplace.code && o.created <= snapshot {
            let updated = o.lastUpdated(at: snapshot)
            if updated >= start && updated <= end { rows.append((o, updated)) }
        }
        // Ties in time keep the creation order the input has, so the same world gives the same bytes.
        return rows.enumerated().sorted { a, b in
            a.element.updated != b.element.updated ? a.element.updated < b.element.updated : a.offset < b.offset
        }.map(\.element)
    }

    /// The UTF-8 document (header row, then the rows), not yet compressed.
    func document(_ orders: some Sequence<SandboxOrder>) -> [UInt8] {
        let chosen = selected(orders)
        var fields = TabSeparatedWriter(capacity: 256 + chosen.count * 400)
        for c in Self.columns { fields.text(c) }
        fields.endRow()
        let channelName = Array(marketplace.name.utf8)
        let currency = Array(marketplace.currency.utf8)
        for (o, updated) in chosen {
            let status = o.status(at: snapshot)
            for (i, item) in o.items.enumerated() {
                fields.text(o.id)
                fields.text("")
                fields.time(o.created)
                fields.time(updated)
                fields.text(Self.orderStatus(status))
                fields.text(o.channel == "AFN" ? "Amazon" : "Merchant")
                fields.raw(channelName)
                fields.text("")
                fields.text("")
                fields.text("Standard")
                fields.text(item.title)
                fields.text(item.sku)
                fields.text(item.asin)
                fields.text(Self.itemStatus(status, shipped: o.confirmedShipped[i] ?? 0, of: item.quantity))
                fields.integer(item.quantity)
                fields.raw(currency)
                fields.money(item.price * Double(item.quantity))
                for _ in 0..<7 { fields.text("") }  // item-tax … ship-promotion-discount: the sandbox has no taxes or promotions
                fields.text(o.address["city"] ?? "")
                fields.text(o.address["stateOrRegion"] ?? "")
                fields.text(o.address["postalCode"] ?? "")
                fields.text(o.address["countryCode"] ?? "")
                fields.text("")
                fields.text("false")
                fields.text("")
                fields.text("")
                fields.endRow()
            }
        }
        return fields.bytes
    }

    /// The report's spelling of an order status (the Orders API's are upper-case with underscores).
    static func orderStatus(_ status: String) -> String {
        switch status {
        case "PENDING", "PENDING_AVAILABILITY": return "Pending"
        case "PARTIALLY_SHIPPED": return "PartiallyShipped"
        case "SHIPPED": return "Shipped"
        case "CANCELLED": return "Cancelled"
        default: return "Unshipped"  // UNSHIPPED, and UNFULFILLABLE (an order still waiting to go out)
        }
    }

    /// An item's status: Pending orders' items are Unshipped; a partly shipped order's item by what was confirmed for it.
    static func itemStatus(_ status: String, shipped: Int, of quantity: Int) -> String {
        switch status {
        case "SHIPPED": return "Shipped"
        case "CANCELLED": return "Cancelled"
        case "PARTIALLY_SHIPPED": return shipped >= quantity ? "Shipped" : "Unshipped"
        default: return "Unshipped"
        }
    }
}
