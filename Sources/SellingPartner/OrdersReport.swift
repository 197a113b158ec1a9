import Foundation
import Inventory

/// Reads a GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL document order by order, by header name, as `IncomingOrder`s.
///
/// Amazon's file is tab-separated, unquoted, one header row, one row per order ITEM, sorted by last-updated-date,
/// so the rows of one order are adjacent: consecutive rows with the same amazon-order-id make one order. The
/// mapping means what the searchOrders mapping (`Orders.Order.incomingOrder()`) means: status, AFN/MFN, lines
/// with SKU, quantity and unit price. Amazon leaves buyer name, street, phone and email out of this report, so
/// every order comes without buyer data (R30: the engine fetches it where it is needed).
///
/// The report has no order item id: a line's id is `reportLineIdPrefix` + SKU (+ `#n` for the n-th row of the
/// same SKU in one order), which the store ties to Amazon's item id when searchOrders later brings the order.
///
/// Rows of one order that are NOT adjacent (Amazon does not promise the sort): the first group is the order, and
/// each later group of an id already read comes as `.scattered(orderId:line:)`, so the caller fetches that order
/// whole by id instead of storing a partial copy over the first. A row that cannot be split into the header's
/// columns comes as `.invalid` at once and does not end the order being read (its id is unknown).
public struct OrdersReport: Sequence, Sendable {
    public static let reportType = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL"
    /// Marks a line id made from the SKU because the report has no order item id.
    public static let reportLineIdPrefix = "report-"
    /// The columns without which a row cannot become an order.
    public static let requiredColumns = [
        "amazon-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel", "sku", "quantity",
    ]

    /// One order read from the report, or why a group of rows could not be read.
    public enum Entry: Sendable, Equatable {
        case order(IncomingOrder)
        /// The rows of `orderId` (the first at `line`, 1-based) could not be mapped; `orderId` is nil when the row has none.
        case invalid(orderId: String?, line: Int, reason: String)
        /// More rows of an order already read, separated from its first rows.
        case scattered(orderId: String, line: Int)
    }

    private let rows: FlatFileRows
    public var columns: [String] { rows.columns }

    /// Reads the header row; a document without one of `requiredColumns` is refused, naming the column.
    public init(_ data: Data) throws {
        rows = try FlatFileRows(data, required: Self.requiredColumns, reportType: Self.reportType)
    }

    public func makeIterator() -> Iterator { Iterator(lines: rows.makeIterator()) }

    /// Walks the rows, holding only the current order's rows and the ids already read.
    public struct Iterator: IteratorProtocol {
        var lines: FlatFileRows.Iterator
        var pending: [(line: Int, values: [String: String])] = []
        var seen = Set<String>()
        var queued: [Entry] = []

        public mutating func next() -> Entry? {
            while queued.isEmpty, let next = lines.next() {
                guard case .values(let line, let row) = next else {
                    if case .invalid(let line, let reason) = next { queued.append(.invalid(orderId: nil, line: line, reason: reason)) }
                    continue
                }
                let id = row["amazon-order-id"] ?? ""
                if id.isEmpty {
                    queued.append(.invalid(orderId: nil, line: line, reason: "empty amazon-order-id"))
                    continue
                }
                if pending.first?.values["amazon-order-id"] == id {
                    pending.append((line, row))
                    continue
                }
                // A new order starts: the previous one is complete.
                if let finished = flush() { queued.append(finished) }
                pending = [(line, row)]
            }
            if queued.isEmpty, let last = flush() { queued.append(last) }
            return queued.isEmpty ? nil : queued.removeFirst()
        }

        /// The pending rows as one entry: the order, why it cannot be read, or a later group of an order already read.
        private mutating func flush() -> Entry? {
            guard let first = pending.first else { return nil }
            defer { pending = [] }
            let id = first.values["amazon-order-id"]!
            guard seen.insert(id).inserted else { return .scattered(orderId: id, line: first.line) }
            do {
                return .order(try OrdersReport.order(id: id, rows: pending.map(\.values)))
            } catch {
                return .invalid(orderId: id, line: first.line, reason: error.description)
            }
        }
    }

    /// The order that a group of rows of one amazon-order-id describes.
    static func order(id: String, rows: [[String: String]]) throws(OrderMappingError) -> IncomingOrder {
        let head = rows[0]
        func value(_ row: [String: String], _ name: String) -> String? {
            guard let v = row[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        guard let wireStatus = value(head, "order-status") else { throw .missingStatus(orderId: id) }
        guard let status = Self.status(wireStatus) else { throw .unknownStatus(orderId: id, status: wireStatus) }
        guard let purchased = value(head, "purchase-date").flatMap(AmazonTime.date),
              let updated = value(head, "last-updated-date").flatMap(AmazonTime.date)
        else { throw .invalidDate(orderId: id) }
        var lines: [IncomingOrderLine] = []
        var skuCount: [String: Int] = [:]
        for (offset, row) in rows.enumerated() {
            let item = "row \(offset + 1)"
            guard let sku = value(row, "sku") else { throw .lineWithoutSKU(orderId: id, orderItemId: item) }
            guard let quantity = value(row, "quantity").flatMap({ Int($0) }), quantity >= 0 else {
                throw .invalidQuantity(orderId: id, orderItemId: item)
            }
            let n = (skuCount[sku] ?? 0) + 1
            skuCount[sku] = n
            let lineId = reportLineIdPrefix + sku + (n > 1 ? "#\(n)" : "")
            var price: Inventory.Money?
            if let total = value(row, "item-price") {
                let currency = value(row, "currency") ?? ""
                do {
                    price = try Inventory.Money(amount: try unitAmount(total: total, quantity: quantity), currency: currency)
                } catch {
                    throw .invalidPrice(orderId: id, orderItemId: item, reason: "\(error)")
                }
            }
            // Like searchOrders without item-level shipping data: a shipped order or item has every unit shipped.
            let itemShipped = value(row, "item-status") == "Shipped"
            let shipped = (status == .shipped || itemShipped) ? quantity : 0
            lines.append(IncomingOrderLine(
                lineId: lineId, sku: sku, asin: value(row, "asin"), title: value(row, "product-name"),
                quantity: quantity, quantityShipped: shipped, unitPrice: price))
        }
        let channel: FulfillmentChannel = value(head, "fulfillment-channel") == "Amazon" ? .afn : .mfn
        return IncomingOrder(amazonOrderId: id, status: status, fulfillmentChannel: channel, purchasedAt: purchased,
                             lastUpdatedAt: updated, lines: lines, buyer: nil)
    }

    /// The report's order-status (`PartiallyShipped`, …) as the store's status; nil for a value this build does not know.
    public static func status(_ wire: String) -> OrderStatus? {
        switch wire {
        case "PendingAvailability": .pendingAvailability
        case "Pending": .pending
        case "Unshipped": .unshipped
        case "PartiallyShipped": .partiallyShipped
        case "Shipped": .shipped
        case "Cancelled", "Canceled": .cancelled
        case "Unfulfillable": .unfulfillable
        default: nil
        }
    }

    /// The unit price of a line whose item-price is the line's total, with the total's decimals ("80.00" / 2 = "40.00").
    static func unitAmount(total: String, quantity: Int) throws -> String {
        guard Inventory.Money.isDecimal(total) else { throw Inventory.Money.ValidationError.invalidAmount(total) }
        guard quantity > 1 else { return total }
        let scale = total.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        guard let amount = Decimal(string: total, locale: Locale(identifier: "en_US_POSIX")) else {
            throw Inventory.Money.ValidationError.invalidAmount(total)
        }
        var unit = amount / Decimal(quantity)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &unit, scale, .plain)
        // Exact at the total's scale: write it with that many decimals, as Amazon writes unit prices.
        if rounded * Decimal(quantity) == amount {
            return fixed(rounded, scale: scale)
        }
        // Not a whole number of cents per unit (10.00 for 3): four more decimals than Amazon wrote, no more.
        var fine = Decimal()
        NSDecimalRound(&fine, &unit, scale + 4, .plain)
        return Orders.Order.decimalString(fine)
    }

    /// `value` with exactly `scale` decimals.
    private static func fixed(_ value: Decimal, scale: Int) -> String {
        var text = Orders.Order.decimalString(value)
        guard scale > 0 else { return text }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? -1
        if decimals < 0 { text += "."; return text + String(repeating: "0", count: scale) }
        return text + String(repeating: "0", count: Swift.max(0, scale - decimals))
    }
}
