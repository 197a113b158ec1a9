import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Reads Amazon's FBA stock (getInventorySummaries with details) and records it: marking items FBA (R25), comparing
/// with the FBA warehouse (R26), and refreshing every FBA listing's figure on the sync cycle.
public struct FBAStockSync: Sendable {
    private let environment: SyncEnvironment

    public init(environment: SyncEnvironment) {
        self.environment = environment
    }

    private var database: AppDatabase { environment.database }
    private var logger: Logger { environment.logger }

    /// Marks items FBA (R25): fetches each item's fulfillable stock from the channel with the FBA warehouse and, in one
    /// transaction, marks them all and records the difference in the FBA warehouse as an adjustment.
    public func markFBA(skus: [String]) async throws(FBAStockError) -> [StockMovement] {
        let (endpoint, _) = try fbaEndpoint()
        let channel = endpoint.channel.name
        let figures = try store { try database.fbaStockFigures(channel: channel, skus: skus) }
        let fetched = try await fulfillable(endpoint, skus: figures.flatMap(\.listingSkus))
        var amazon: [String: Int] = [:]
        var listingQuantities: [String: Int] = [:]
        for figure in figures {
            amazon[figure.sku] = figure.listingSkus.reduce(0) { $0 + (fetched[$1] ?? 0) }
            for sku in figure.listingSkus { listingQuantities[sku] = fetched[sku] ?? 0 }
        }
        let movements = try store {
            try database.markFBA(skus: skus, channel: channel, amazon: amazon, listingQuantities: listingQuantities,
                                 now: environment.clock.now())
        }
        for m in movements {
            logger.info("FBA stock recorded on marking", metadata: [
                "channel": "\(channel)", "sku": "\(m.itemSku)", "warehouse": "\(m.warehouse)", "delta": "\(m.delta)",
            ])
        }
        return movements
    }

    /// Local FBA stock against Amazon's (R26) for one item or every FBA item, on each channel with an FBA warehouse.
    /// `live` asks Amazon now (and stores the figures); otherwise the figures of the last refresh are shown.
    public func compare(sku: String?, live: Bool = true) async throws(FBAStockError) -> [AppDatabase.FBAStockFigure] {
        let channels = try store { try database.fbaChannels() }
        guard !channels.isEmpty else { throw .noFBAWarehouse }
        var rows: [AppDatabase.FBAStockFigure] = []
        for (channel, _) in channels {
            var figures = try store { try database.fbaStockFigures(channel: channel, skus: sku.map { [$0] }) }
            if live {
                guard let endpoint = environment.channels[channel] else { throw .channelNotDeclared(channel.rawValue) }
                // Many items: every page of the marketplace costs fewer requests than 50-SKU batches.
                let skus = figures.flatMap(\.listingSkus)
                let fetched = try await fulfillable(endpoint, skus: skus.count > FBAStockSync.batch * 4 ? nil : skus)
                var known: [String: Int] = [:]
                for s in skus { known[s] = fetched[s] ?? 0 }
                _ = try store { try database.recordFBAQuantities(channel: channel, known, now: environment.clock.now()) }
                for i in figures.indices {
                    figures[i].amazon = figures[i].listingSkus.reduce(0) { $0 + (known[$1] ?? 0) }
                }
            }
            rows += figures
        }
        return rows
    }

    /// The cycle's FBA step for one channel: stores Amazon's figure on every FBA listing and logs each mismatch once
    /// per cycle. A channel without an FBA warehouse has nothing to do.
    @discardableResult
    public func refresh(channel: ChannelName) async throws(FBAStockError) -> [AppDatabase.FBAStockFigure] {
        guard try store({ try database.fbaChannels() }).contains(where: { $0.channel == channel }) else { return [] }
        guard let endpoint = environment.channels[channel] else { throw .channelNotDeclared(channel.rawValue) }
        let fetched = try await fulfillable(endpoint, skus: nil)
        let figures = try store { try database.recordFBAQuantities(channel: channel, fetched, now: environment.clock.now()) }
        let all = try store { try database.fbaStockFigures(channel: channel) }
        for figure in all where figure.mismatch {
            logger.notice("FBA stock differs from Amazon", metadata: [
                "channel": "\(channel)", "sku": "\(figure.sku)", "warehouse": "\(figure.warehouse)",
                "local": "\(figure.local)", "amazon": "\(figure.amazon ?? 0)",
            ])
        }
        logger.info("FBA stock refreshed", metadata: [
            "channel": "\(channel)", "listings": "\(fetched.count)", "items": "\(figures.count)",
            "mismatches": "\(all.filter(\.mismatch).count)",
        ])
        return all
    }

    /// getInventorySummaries allows 50 SKUs a request.
    static let batch = GetInventorySummariesQuery.maxSellerSkus

    /// Fulfillable quantity by seller SKU: of `skus` in batches of 50, or of every FBA SKU (all pages) when nil.
    func fulfillable(_ endpoint: SyncEnvironment.ChannelEndpoint, skus: [String]?) async throws(FBAStockError) -> [String: Int] {
        let marketplace = endpoint.channel.marketplace.marketplaceId
        var queries: [GetInventorySummariesQuery] = []
        if let skus {
            let unique = Array(Set(skus)).sorted()
            queries = stride(from: 0, to: unique.count, by: Self.batch).map {
                GetInventorySummariesQuery(marketplaceId: marketplace, details: true,
                                           sellerSkus: Array(unique[$0..<min($0 + Self.batch, unique.count)]))
            }
        } else {
            queries = [GetInventorySummariesQuery(marketplaceId: marketplace, details: true)]
        }
        var result: [String: Int] = [:]
        do {
            for query in queries {
                for try await page in endpoint.client.inventorySummariesPages(query) {
                    for summary in page.payload?.inventorySummaries ?? [] {
                        guard let sku = summary.sellerSku else { continue }
                        result[sku, default: 0] += summary.inventoryDetails?.fulfillableQuantity ?? 0
                    }
                }
            }
        } catch {
            throw .amazonFailed("\(error)")
        }
        return result
    }

    /// The channel whose FBA stock marking reads: the first with an FBA warehouse that the configuration declares.
    private func fbaEndpoint() throws(FBAStockError) -> (SyncEnvironment.ChannelEndpoint, String) {
        let channels = try store { try database.fbaChannels() }
        guard let first = channels.first else { throw .noFBAWarehouse }
        guard let (channel, warehouse) = channels.first(where: { environment.channels[$0.channel] != nil }) else {
            throw .channelNotDeclared(first.channel.rawValue)
        }
        return (environment.channels[channel]!, warehouse)
    }

    /// Runs store calls, wrapping their `StoreError` (the only error they throw).
    private func store<T>(_ body: () throws -> T) throws(FBAStockError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.io("\(error)"))
        }
    }
}
