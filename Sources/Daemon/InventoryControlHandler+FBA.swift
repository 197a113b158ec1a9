import InvSyncInterface
import Inventory
import InventoryStore
import SyncEngine
import Varlink

/// io.invsync.Inventory's FBA methods: MarkFulfillment (R25), CompareFBAStock (R26), ListInboundShipments (R29).
extension InventoryControlHandler {
    func markFulfillment(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.MarkFulfillmentParameters.self)
        guard !p.skus.isEmpty, p.skus.allSatisfy({ !$0.isEmpty }) else { throw VarlinkError.invalidParameter("skus") }
        let skus = uniqueSkus(p.skus)
        switch p.fulfillmentChannel {
        case .mfn:
            try await translate { try database.markFulfillment(skus: skus, .mfn) }
            changed(call, "items marked MFN", ["count": "\(skus.count)", "sku": "\(skus.first ?? "")"])
            try await replies.send(InventoryInterface.MarkFulfillmentReply(adjustments: []), continues: false)
        case .fba:
            let movements = try await fbaTranslate { fba in try await fba.markFBA(skus: skus) }
            changed(call, "items marked FBA", [
                "count": "\(skus.count)", "sku": "\(skus.first ?? "")", "adjustments": "\(movements.count)",
            ])
            try await replies.send(
                InventoryInterface.MarkFulfillmentReply(
                    adjustments: movements.map { .init(sku: $0.itemSku, warehouse: $0.warehouse, delta: $0.delta) }),
                continues: false)
        }
    }

    func compareFBAStock(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.CompareFBAStockParameters.self)
        if let sku = p.sku, sku.isEmpty { throw VarlinkError.invalidParameter("sku") }
        let rows = try await fbaTranslate { fba in try await fba.compare(sku: p.sku, live: !(p.cached ?? false)) }
        try await replies.send(
            InventoryInterface.CompareFBAStockReply(rows: rows.map {
                .init(sku: $0.sku, channel: $0.channel.rawValue, warehouse: $0.warehouse, local: $0.local, amazon: $0.amazon,
                      mismatch: $0.mismatch)
            }),
            continues: false)
    }

    func listInboundShipments(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        let p = try call.decode(InventoryInterface.ListInboundShipmentsParameters.self)
        let channel = try p.channel.map(channelName)
        let lines = try await translate { try database.inboundShipments(channel: channel) }
        try await replies.send(
            InventoryInterface.ListInboundShipmentsReply(shipments: lines.map {
                .init(channel: $0.channel.rawValue, inboundPlanId: $0.inboundPlanId, shipmentId: $0.shipmentId, sku: $0.sku,
                      status: $0.status, quantity: $0.quantity, sourceWarehouse: $0.sourceWarehouse,
                      fbaWarehouse: $0.fbaWarehouse, shipped: $0.shipped, received: $0.received, returned: $0.returned,
                      matched: $0.matched, updatedAt: Timestamp.rfc3339($0.updatedAt))
            }),
            continues: false)
    }

    /// Runs an FBA engine call, naming its failures: no FBA warehouse, Amazon unreachable, or the store's own errors.
    private func fbaTranslate<T>(_ body: (FBAStockSync) async throws -> T) async throws -> T {
        guard let fba else { throw Self.fbaError(.noFBAWarehouse) }
        do {
            return try await body(fba)
        } catch let error as FBAStockError {
            throw Self.fbaError(error)
        }
    }

    static func fbaError(_ error: FBAStockError) -> VarlinkError {
        switch error {
        case .noFBAWarehouse, .store(.noFBAWarehouse):
            VarlinkError(InventoryInterface.FBAErrorName.noFBAWarehouse, parameters: ["reason": .string(error.description)])
        case .channelNotDeclared, .amazonFailed:
            VarlinkError(InventoryInterface.FBAErrorName.fbaStockUnavailable, parameters: ["reason": .string(error.description)])
        case .store(let storeError):
            named(storeError) ?? ControlErrors.storageFailed(storeError)
        }
    }
}

/// The SKUs in their order, each once (a bulk mark naming a SKU twice marks it once).
private func uniqueSkus(_ skus: [String]) -> [String] {
    var seen = Set<String>()
    return skus.filter { seen.insert($0).inserted }
}
