import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import Varlink

/// Serves `io.invsync.Privacy`: the only methods that return buyer data (R30, R32), each call audited to the
/// journal with the caller's uid and pid and the order id, never with the data itself.
struct PrivacyControlHandler: VarlinkInterfaceHandler {
    /// The longest audit reason accepted: a sentence, not a document.
    static let maximumReasonLength = 500

    let interface: VarlinkInterface
    let database: AppDatabase
    let authorizer: ControlAuthorizer
    /// Pinned at notice: the audit trail must not vanish when an operator turns the log level down to warning.
    let audit: Logger

    init(database: AppDatabase, authorizer: ControlAuthorizer, logger: Logger) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.privacy)
        self.database = database
        self.authorizer = authorizer
        var audit = logger
        audit.logLevel = .notice
        self.audit = audit
    }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        do {
            try await authorizer.authorize(call)
        } catch {
            // A refused attempt at buyer data is worth an audit line too.
            audit.notice("buyer data refused", metadata: auditMetadata(call, order: nil))
            throw error
        }
        guard let method = PrivacyInterface.Method(rawValue: call.method) else {
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
        switch method {
        case .revealBuyer:
            let p = try call.decode(PrivacyInterface.RevealBuyerParameters.self)
            let reason = p.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= Self.maximumReasonLength else {
                throw VarlinkError.invalidParameter("reason")
            }
            let (order, buyer) = try await buyerData(p.order)
            var metadata = auditMetadata(call, order: order)
            metadata["reason"] = "\(reason)"
            audit.notice("buyer revealed", metadata: metadata)
            try await replies.send(PrivacyInterface.RevealBuyerReply(buyer: Self.wire(buyer)), continues: false)
        case .packageSlip, .shipmentSlip:
            let p = try call.decode(PrivacyInterface.SlipParameters.self)
            let (order, buyer) = try await buyerData(p.order)
            let titles = try await translate { try database.lineTitles(order: order.id) }
            let slip = Self.slip(order, buyer: buyer, titles: titles, remainingOnly: method == .shipmentSlip)
            var metadata = auditMetadata(call, order: order)
            metadata["slip"] = method == .packageSlip ? "package" : "shipment"
            audit.notice("slip issued", metadata: metadata)
            try await replies.send(PrivacyInterface.SlipReply(slip: slip), continues: false)
        }
    }

    /// The order (by local id or Amazon order id) and its opened buyer data; named errors when there is none.
    private func buyerData(_ reference: String) async throws -> (SalesOrder, BuyerPII) {
        let order = try await translate { () throws -> SalesOrder in
            if let id = Int64(reference), let order = try database.order(id: id) { return order }
            guard let order = try database.order(amazonOrderId: reference) else { throw StoreError.noSuchOrder(reference) }
            return order
        }
        // purged (R31) or none (R34: synced before the vault existed, or Amazon gave none): say so by name.
        guard order.piiState == .present, let buyer = try await translate({ try database.revealBuyer(order: order.id) })
        else {
            throw VarlinkError(
                PrivacyInterface.ErrorName.piiUnavailable,
                parameters: ["order": .string(reference), "state": .string(order.piiState.rawValue)])
        }
        return (order, buyer)
    }

    /// Who asked, for which order: uid and pid from SO_PEERCRED, the local and Amazon order ids; never PII.
    private func auditMetadata(_ call: VarlinkCall, order: SalesOrder?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "uid": "\(call.peer.uid)", "pid": "\(call.peer.pid)", "method": "\(call.interface).\(call.method)",
        ]
        if let order {
            metadata["order"] = "\(order.id)"
            metadata["amazon_order"] = "\(order.amazonOrderId)"
            metadata["channel"] = "\(order.channel)"
        }
        return metadata
    }

    private func translate<T>(_ body: () async throws -> T) async throws -> T {
        try await ControlErrors.translate(naming: Self.named, body)
    }

    static func named(_ error: StoreError) -> VarlinkError? {
        switch error {
        case .noSuchOrder(let id): VarlinkError(PrivacyInterface.ErrorName.noSuchOrder, parameters: ["order": .string(id)])
        case .vaultLocked: VarlinkError(PrivacyInterface.ErrorName.vaultLocked, parameters: [:])
        default: nil
        }
    }

    static func wire(_ buyer: BuyerPII) -> PrivacyInterface.Buyer {
        PrivacyInterface.Buyer(
            name: buyer.buyerName, email: buyer.buyerEmail, phone: buyer.buyerPhone, recipient: address(buyer))
    }

    static func address(_ buyer: BuyerPII) -> PrivacyInterface.Address {
        PrivacyInterface.Address(
            name: buyer.recipientName ?? buyer.buyerName, lines: buyer.addressLines, city: buyer.city,
            stateOrRegion: buyer.stateOrRegion, postalCode: buyer.postalCode, countryCode: buyer.countryCode)
    }

    /// A packing slip lists every line ordered; a shipment slip only what is still to ship, in the quantity left.
    static func slip(_ order: SalesOrder, buyer: BuyerPII, titles: [String: String], remainingOnly: Bool)
        -> PrivacyInterface.Slip
    {
        let lines = order.lines.compactMap { line -> PrivacyInterface.SlipLine? in
            let quantity = remainingOnly ? max(0, line.quantity - line.quantityShipped) : line.quantity
            if remainingOnly, quantity == 0 { return nil }
            return PrivacyInterface.SlipLine(sku: line.sku, title: titles[line.lineId], quantity: quantity)
        }
        return PrivacyInterface.Slip(
            order: order.id, channel: order.channel.rawValue, amazonOrderId: order.amazonOrderId,
            purchasedAt: Timestamp.rfc3339(order.purchasedAt), shipBy: nil, recipient: address(buyer), lines: lines)
    }
}
