import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// The buyer-data phase every order sync ends with (issue 7 item 2, R30): the MFN orders to ship that have no
/// buyer data (the order report carries none) get it through searchOrders with `includedData`, oldest first.
///
/// Resumable from the store, not from the report: the store answers which orders still wait (`ordersAwaitingBuyerData`),
/// and each window's orders are recorded as asked once it is stored, so a run stopped or killed anywhere leaves the
/// rest for the next run and never asks twice for what is done. An order that ships or is cancelled meanwhile leaves
/// the set with its next update; one that Amazon returns without buyer data, or not at all, is asked once only.
///
/// Time-boxed to the channel's sync interval: a large backlog (5,000 open orders are about 50 windows, 1.5 h at
/// searchOrders' rate) must not hold the channel's orders sync past the next cycle, whose increment brings new orders
/// with their buyer data. The run then ends, says the rest continues, and the next cycle resumes after its increment.
extension OrderSync {
    /// Fetches the waiting buyer data window by window until none waits; returns why the run must stop, or nil.
    ///
    /// Each window is a search by creation from the first waiting order's purchase to just after the last one's of
    /// the next page of them, with the phase's statuses and fulfilment: about one call per page of orders, in the
    /// order they are due. Every page goes through the same upsert as any other (stock, statuses, lines agree).
    func fetchBuyerData(endpoint: SyncEnvironment.ChannelEndpoint, task: SyncTask.ID) async -> OrderSyncFailure? {
        let channel = endpoint.channel.name
        let pageSize = min(max(environment.orderPageSize, 1), 100)
        var windows = 0
        var asked = 0
        var withoutBuyer = 0
        var failure: OrderSyncFailure?
        var yielded = false
        let interval = (try? database.channel(named: channel))?.map { $0.1.syncInterval } ?? .default
        let deadline = environment.clock.now().addingTimeInterval(TimeInterval(interval.minutes * 60))
        while !Task.isCancelled {
            if windows > 0, environment.clock.now() >= deadline {
                yielded = true
                break
            }
            let due: [OrderAwaitingBuyerData]
            do {
                due = try database.ordersAwaitingBuyerData(channel: channel, limit: pageSize)
            } catch {
                logger.notice("buyer data phase could not read the store", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)", "error": "\(error)",
                ])
                break
            }
            guard let first = due.first, let last = due.last else { break }
            // Amazon searches up to two minutes ago; a later bound is refused. Orders newer than that wait a run.
            // Whole seconds, as the query sends them: the bounds Amazon applies are the ones the asked set is cut by.
            let latest = environment.clock.now().addingTimeInterval(-Self.amazonLag)
            let after = Self.wholeSecond(first.purchasedAt)
            let before = Self.wholeSecond(min(last.purchasedAt.addingTimeInterval(1), latest))
            let asking = due.filter { $0.purchasedAt < before }.map(\.amazonOrderId)
            guard after < before, !asking.isEmpty else {
                logger.debug("buyer data phase waits for orders too new to search", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)", "waiting": "\(due.count)",
                ])
                break
            }
            var query = Orders.SearchOrdersQuery.created(
                after: after, before: before, marketplaceIds: [endpoint.channel.marketplace.marketplaceId],
                includedData: Self.includedData, maxResultsPerPage: pageSize)
            query.fulfillmentStatuses = [.unshipped, .partiallyShipped]
            query.fulfilledBy = [.merchant]
            if windows == 0 {
                logger.info("buyer data phase starting", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)", "firstWindow": "\(asking.count)",
                ])
            }
            let range = "\(AmazonTime.string(after))…\(AmazonTime.string(before))"
            windows += 1
            if let stop = await fetch(Window(query: query, advancesCursor: false), channel: channel, task: task,
                                      request: "buyer data searchOrders created \(range)").failure {
                // Nothing of this window is recorded as asked: the next run asks for it again.
                logger.notice("buyer data window failed", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)", "window": "\(windows)",
                    "orders": "\(asking.count)", "refused": "\(stop.refused)",
                ])
                failure = stop
                break
            }
            do {
                try database.recordBuyerDataAsked(channel: channel, amazonOrderIds: asking, now: environment.clock.now())
            } catch {
                logger.notice("buyer data window could not be recorded as asked", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)", "error": "\(error)",
                ])
                failure = OrderSyncFailure(error)
                break
            }
            // Those still without buyer data were not returned (shipped or cancelled meanwhile) or came without it.
            let missing = try? database.countWithoutBuyerData(channel: channel, amazonOrderIds: asking)
            asked += asking.count
            withoutBuyer += missing ?? 0
            logger.debug("buyer data window stored", metadata: [
                "channel": "\(channel)", "module": "orders", "task": "\(task)", "window": "\(windows)",
                "orders": "\(asking.count)", "withoutBuyer": "\(missing ?? 0)",
            ])
        }
        // A stop between two windows ends the run as a stop anywhere else does: cut short.
        if failure == nil, Task.isCancelled { failure = OrderSyncFailure(CancellationError()) }
        guard windows > 0 else { return failure }
        let fetched = asked - withoutBuyer
        logger.info("buyer data phase ended", metadata: [
            "channel": "\(channel)", "module": "orders", "task": "\(task)", "windows": "\(windows)", "asked": "\(asked)",
            "fetched": "\(fetched)", "withoutBuyer": "\(withoutBuyer)", "stopped": "\(failure != nil)", "yielded": "\(yielded)",
        ])
        var note = "buyer data fetched for \(fetched) orders in \(windows) searchOrders windows"
        if withoutBuyer > 0 {
            note += "; \(withoutBuyer) orders came back without buyer data or no longer to ship, and are not asked again"
        }
        if failure != nil { note += "; stopped before the end, the next run continues" }
        if yielded {
            note += "; the rest waits for the next run: the phase keeps to the channel's sync interval (\(interval.minutes) min)"
        }
        try? database.addRecords(task: task, [TaskRecord(recordId: "buyer data", kind: "buyer data", outcome: .skipped, reason: note)])
        return failure
    }

    /// `date` rounded down to the second.
    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
