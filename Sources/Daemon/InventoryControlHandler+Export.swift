import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import Varlink

/// CloneOrder and ExportOrders: the two ways an order leaves its Amazon context, both without buyer data (R32).
extension InventoryControlHandler {
    /// Lines one export may hold: about 2–3 MB of CSV, one reply the CLI holds in memory comfortably.
    static let exportLineLimit = 20_000

    func cloneOrder(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.CloneOrderParameters.self)
        let draft = try await ControlErrors.translate(naming: Self.named) { () throws -> OrderDraft in
            // A number is the local id; anything else (or a number no order has) an Amazon order id.
            var order: SalesOrder? = nil
            if let id = Int64(p.order) { order = try database.order(id: id) }
            if order == nil { order = try database.order(amazonOrderId: p.order) }
            guard let order else { throw StoreError.noSuchOrder(p.order) }
            return try database.cloneOrder(id: order.id, now: Date())
        }
        logger.notice(
            "order cloned to a draft",
            metadata: ["order": "\(draft.clonedFrom.map { String($0) } ?? "-")", "draft": "\(draft.id)", "uid": "\(call.peer.uid)"])
        try await replies.send(InventoryInterface.CloneOrderReply(order: Self.wire(draft)), continues: false)
    }

    func exportOrders(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.ExportOrdersParameters.self)
        let channel = try p.channel.map { name in
            guard let channel = try? ChannelName(name), (try? database.channel(named: channel)) != nil else {
                throw VarlinkError(InventoryInterface.ErrorName.noSuchChannel, parameters: ["channel": .string(name)])
            }
            return channel
        }
        let status = try p.status.map { raw in
            guard let status = OrderStatus(rawValue: raw) else { throw VarlinkError.invalidParameter("status") }
            return status
        }
        let from = try p.from.map { text in
            guard let date = Timestamp.parse(text) else { throw VarlinkError.invalidParameter("from") }
            return date
        }
        let to = try p.to.map { text in
            guard let date = Timestamp.parse(text) else { throw VarlinkError.invalidParameter("to") }
            return date
        }
        if let from, let to, from >= to { throw VarlinkError.invalidParameter("to") }
        // One more than allowed tells a full export from one that was cut.
        let rows = try await ControlErrors.translate(naming: Self.named) {
            try database.orderExportRows(channel: channel, from: from, to: to, status: status, limit: Self.exportLineLimit + 1)
        }
        guard rows.count <= Self.exportLineLimit else {
            throw VarlinkError(
                InventoryInterface.ErrorName.exportTooLarge, parameters: ["limit": .number(Double(Self.exportLineLimit))])
        }
        // Bulk data leaving the daemon: noted like a change, with who asked.
        logger.notice("orders exported", metadata: ["lines": "\(rows.count)", "uid": "\(call.peer.uid)"])
        try await replies.send(InventoryInterface.ExportOrdersReply(csv: OrderCSV.render(rows)), continues: false)
    }

    /// A local draft as a SalesOrder on the wire: channel "local", no Amazon order id, status "draft", no PII.
    static func wire(_ draft: OrderDraft) -> InventoryInterface.SalesOrder {
        let created = Timestamp.rfc3339(draft.createdAt)
        return InventoryInterface.SalesOrder(
            id: draft.id, channel: "local", amazonOrderId: "", status: "draft", fulfillmentChannel: "MFN",
            customerName: draft.customerName, forceFulfilled: false, warehouse: draft.warehouse, purchasedAt: created,
            lastUpdatedAt: created, fulfilledAt: nil, comments: draft.comments,
            lines: draft.lines.map {
                InventoryInterface.OrderLine(
                    lineId: String($0.position), sku: $0.sku, asin: $0.asin, quantity: $0.quantity, quantityShipped: 0,
                    unitPrice: $0.unitPrice?.amount, currency: $0.unitPrice?.currency)
            },
            piiState: .none)
    }
}
