import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import SellingPartner
import SyncEngine
import Varlink

/// The shipment methods of `io.invsync.Inventory`: CreateShipment (R21), CreateSalesOrder, CreateOutboundShipment
/// and RefreshOutboundShipment (R28). Decode, call the store or a shipment worker, encode; no buyer data out.
extension InventoryControlHandler {
    /// The handler with the shipment workers it wakes after writing to their outboxes.
    func shipping(_ services: ShipmentServices) -> InventoryControlHandler {
        var copy = self
        copy.shipping = services
        return copy
    }

    func createShipment(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.CreateShipmentParameters.self)
        let lines = p.lines?.map { ShipmentLine(lineId: $0.lineId, quantity: $0.quantity) }
        let shipment = try await shipmentTranslate {
            try database.createShipment(order: p.order, carrier: p.carrier, trackingNumber: p.trackingNumber, lines: lines)
        }
        shipping?.confirmer.wake()
        audit(call, "shipment recorded", [
            "channel": "\(shipment.channel)", "order": "\(shipment.amazonOrderId)", "package": "\(shipment.packageReference)",
        ])
        try await replies.send(InventoryInterface.CreateShipmentReply(shipment: Self.wire(shipment)), continues: false)
    }

    func createSalesOrder(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.CreateSalesOrderParameters.self)
        let lines = try p.lines.enumerated().map { index, l in
            var price: Money?
            if l.unitPrice != nil || l.currency != nil {
                guard let amount = l.unitPrice, let currency = l.currency, let money = try? Money(amount: amount, currency: currency)
                else { throw VarlinkError.invalidParameter("lines[\(index)].unitPrice") }
                price = money
            }
            return NewSalesOrderLine(sku: l.sku, quantity: l.quantity, unitPrice: price)
        }
        let destination = p.destination.map { d in
            BuyerPII(
                buyerPhone: d.phone, recipientName: d.name, addressLines: d.addressLines, city: d.city,
                stateOrRegion: d.stateOrRegion, postalCode: d.postalCode, countryCode: d.countryCode)
        }
        if let destination, destination.isEmpty { throw VarlinkError.invalidParameter("destination") }
        let order = try await shipmentTranslate {
            try database.createSalesOrder(customerName: p.customerName, lines: lines, warehouse: p.warehouse, destination: destination)
        }
        // The customer's name and address stay out of the journal.
        audit(call, "local sales order created", ["order": "\(order.reference)", "lines": "\(order.lines.count)"])
        try await replies.send(InventoryInterface.CreateSalesOrderReply(order: Self.wire(order)), continues: false)
    }

    func createOutboundShipment(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.OutboundShipmentParameters.self)
        var shipment = try await shipmentTranslate { try database.requestOutboundShipment(order: p.order) }
        audit(call, "outbound shipment requested", [
            "channel": "\(shipment.channel)", "order": "\(LocalSalesOrder.reference(shipment.order))",
            "mcf": "\(shipment.sellerFulfillmentOrderId)",
        ])
        if let shipping, shipment.request == .requested {
            // Sent now so the reply says what Amazon answered; a failure stays in the outbox for the worker.
            if let sent = try? await shipping.outbound.submit(order: shipment.order) {
                shipment = sent
            } else {
                shipping.outbound.wake()
            }
        }
        try await replies.send(InventoryInterface.OutboundShipmentReply(shipment: Self.wire(shipment)), continues: false)
    }

    func refreshOutboundShipment(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.OutboundShipmentParameters.self)
        let shipment = try await shipmentTranslate { () async throws -> OutboundShipment in
            let stored = try database.outboundShipment(order: p.order)
            guard let shipping else { return stored }
            return try await shipping.outbound.refresh(order: stored.order)
        }
        try await replies.send(InventoryInterface.OutboundShipmentReply(shipment: Self.wire(shipment)), continues: false)
    }

    /// Logs a write with the caller's uid, like the other writes of the interface.
    private func audit(_ call: VarlinkCall, _ message: Logger.Message, _ metadata: Logger.Metadata) {
        logger.notice(message, metadata: metadata.merging(["uid": "\(call.peer.uid)"]) { $1 })
    }

    /// Shipment errors become this interface's named errors; Amazon's failures `AmazonFailed`.
    private func shipmentTranslate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await ControlErrors.translate(naming: Self.named, body)
        } catch let error as ShipmentError {
            throw Self.named(shipment: error)
        } catch let error as SellingPartnerError {
            throw VarlinkError(InventoryInterface.ErrorName.amazonFailed, parameters: ["reason": .string("\(error)")])
        }
    }

    static func named(shipment error: ShipmentError) -> VarlinkError {
        typealias E = InventoryInterface.ErrorName
        switch error {
        case .notShippable(let order, let reason):
            return VarlinkError(E.notShippable, parameters: ["order": .string(order), "reason": .string(reason)])
        case .noFBALines(let order): return VarlinkError(E.noFBALines, parameters: ["order": .string(order)])
        case .noDestination(let order): return VarlinkError(E.noDestination, parameters: ["order": .string(order)])
        case .noFBAChannel: return VarlinkError(E.noFBAChannel, parameters: [:])
        case .noOutboundShipment(let order): return VarlinkError(E.noOutboundShipment, parameters: ["order": .string(order)])
        case .invalidSalesOrder(let reason): return VarlinkError(E.invalidSalesOrder, parameters: ["reason": .string(reason)])
        case .store(let e): return named(e) ?? ControlErrors.storageFailed(e)
        }
    }

    static func wire(_ s: Shipment) -> InventoryInterface.Shipment {
        InventoryInterface.Shipment(
            id: s.id, orderId: s.orderId, amazonOrderId: s.amazonOrderId, channel: s.channel.rawValue,
            packageReference: s.packageReference, carrier: s.carrier, trackingNumber: s.trackingNumber,
            shippedAt: Timestamp.rfc3339(s.shippedAt),
            lines: s.lines.map { InventoryInterface.ShipmentLine(lineId: $0.lineId, quantity: $0.quantity) },
            confirmation: InventoryInterface.ShipmentConfirmation(rawValue: s.confirmation.rawValue) ?? .pending,
            attempts: s.attempts, nextAttemptAt: s.nextAttemptAt.map(Timestamp.rfc3339), lastError: s.lastError,
            confirmedAt: s.confirmedAt.map(Timestamp.rfc3339))
    }

    static func wire(_ l: LocalSalesOrderLine) -> InventoryInterface.LocalOrderLine {
        InventoryInterface.LocalOrderLine(
            lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice?.amount,
            currency: l.unitPrice?.currency, fulfillment: l.fulfillment == .fba ? .fba : .mfn)
    }

    static func wire(_ o: LocalSalesOrder) -> InventoryInterface.LocalSalesOrder {
        InventoryInterface.LocalSalesOrder(
            id: o.reference, customerName: o.customerName, warehouse: o.warehouse, lines: o.lines.map(wire),
            destination: InventoryInterface.PIIState(rawValue: o.destination.rawValue) ?? .none,
            createdAt: Timestamp.rfc3339(o.createdAt))
    }

    static func wire(_ s: OutboundShipment) -> InventoryInterface.OutboundShipment {
        InventoryInterface.OutboundShipment(
            order: LocalSalesOrder.reference(s.order), channel: s.channel.rawValue,
            sellerFulfillmentOrderId: s.sellerFulfillmentOrderId, warehouse: s.warehouse,
            request: InventoryInterface.OutboundRequest(rawValue: s.request.rawValue) ?? .requested,
            amazonStatus: s.amazonStatus, statusUpdatedAt: s.statusUpdatedAt.map(Timestamp.rfc3339), carrier: s.carrier,
            trackingNumber: s.trackingNumber, fbaLines: s.fbaLines.map(wire), sellerLines: s.sellerLines.map(wire),
            attempts: s.attempts, lastError: s.lastError, shippedAt: s.stockMovedAt.map(Timestamp.rfc3339))
    }
}
