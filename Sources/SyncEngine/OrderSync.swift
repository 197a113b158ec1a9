import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Brings a channel's Amazon orders into the store: look-back, incremental, timeframe and resync runs (R5, R8, R10, R17–R20).
///
/// Each searchOrders page is stored in one `upsertOrders` transaction; only the last page carries the new cursor,
/// so a run that dies mid-pagination leaves the cursor where it was and the next run fetches the window again.
/// Every run that completes its own windows ends with the buyer-data phase (`fetchBuyerData`, issue 7, R30).
public struct OrderSync: ModuleSync {
    /// The datasets every order is fetched with: buyer and recipient for PII (R30), fulfillment for status and AFN.
    public static let includedData: [Orders.IncludedData] = [.buyer, .recipient, .fulfillment]
    /// Amazon's newest searchable time is two minutes before the request (the model's `…Before` rule).
    static let amazonLag: TimeInterval = 120
    static let recordKind = "order"

    let environment: SyncEnvironment
    private let retryPolicy: Inventory.RetryPolicy
    private let modes = OrderSyncModeMemory()
    /// The first getReport wait of an order report and how long it may take (tests shorten them).
    let reportPollInterval: Duration
    let reportTimeout: Duration

    public init(environment: SyncEnvironment, retryPolicy: Inventory.RetryPolicy = .default,
                reportPollInterval: Duration = .seconds(15), reportTimeout: Duration = .seconds(3600)) {
        self.environment = environment
        self.retryPolicy = retryPolicy
        self.reportPollInterval = reportPollInterval
        self.reportTimeout = reportTimeout
    }

    var database: AppDatabase { environment.database }
    var logger: Logger { environment.logger }

    // MARK: - Runs

    public func run(_ request: SyncRequest) async -> SyncOutcome {
        let channel = request.channel
        guard let endpoint = environment.channels[channel] else {
            return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0,
                               reason: "channel \(channel) is not declared: add it to the configuration and reload")
        }
        let now = environment.clock.now()
        let task: SyncTask.ID
        let mode: OrderSyncMode
        let cursor: Date?
        let holdsOrders: Bool
        do {
            // R4, R2: a disabled or inactive channel does not sync, and a run must not overwrite why it is inactive.
            if let refusal = try Self.refusal(channel: channel, settings: database.channel(named: channel)?.1) {
                logger.notice("order sync refused: channel not active", metadata: ["channel": "\(channel)", "module": "orders"])
                return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: refusal)
            }
            task = try database.startTask(for: request, now: now)
            try database.setChannelState(channel: channel, state: .syncing, reason: nil)
            mode = try database.orderSyncMode()
            cursor = try database.orderCursor(channel: channel)
            holdsOrders = try !database.orders(channel: channel, limit: 1).isEmpty
        } catch {
            logger.notice("order sync could not start", metadata: ["channel": "\(channel)", "module": "orders", "error": "\(error)"])
            return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: "\(error)")
        }
        logger.info("order sync starting", metadata: [
            "channel": "\(channel)", "module": "orders", "task": "\(task)", "trigger": "\(request.trigger)",
        ])

        var failure: OrderSyncFailure?
        if let resyncOf = request.resyncOf {
            // R10: the same records again, whatever happened to them the first time.
            let ids = (try? database.task(id: resyncOf))?.1.filter { $0.kind == Self.recordKind }.map(\.recordId) ?? []
            _ = await refetch(channel: channel, recordIds: Array(Set(ids)).sorted(), task: task)
        } else {
            for window in windows(request: request, endpoint: endpoint, cursor: cursor, mode: mode, now: now,
                                  channelHoldsOrders: holdsOrders) {
                let stop: OrderSyncFailure?
                if window.isBackfill {
                    // R5, R8: a look-back or timeframe may be large enough for the order report (issue 7).
                    stop = await backfill(window, endpoint: endpoint, task: task)
                } else {
                    stop = await fetch(window, channel: channel, task: task).failure
                }
                if let stop {
                    failure = stop
                    break
                }
            }
        }
        if failure == nil {
            modes.record(channel: channel, mode: mode)
            // Issue 7, R30: after the run's own work (cursor written), the buyer data the order report left out.
            failure = await fetchBuyerData(endpoint: endpoint, task: task)
        }
        return finish(channel: channel, task: task, failure: failure)
    }

    /// Why the channel may not sync now, or nil when it may.
    static func refusal(channel: ChannelName, settings: ChannelSettings?) -> String? {
        guard let settings else { return "channel \(channel) is not in the store: reload the configuration" }
        if !settings.enabled { return "channel \(channel) is disabled: enable it to sync (R4)" }
        if settings.state == .inactive {
            return "channel \(channel) is inactive (\(settings.inactiveReason ?? "no reason recorded")): fix that, then activate it again"
        }
        return nil
    }

    /// One search of a run: its query and whether its last page advances the channel's cursor.
    struct Window: Sendable, Equatable {
        var query: Orders.SearchOrdersQuery
        var advancesCursor: Bool
        /// A look-back (R5) or timeframe (R8) by creation, which the order report may fetch instead.
        var isBackfill = false
    }

    /// The searches a request needs (decision 2, R5, R8, R17).
    ///
    /// `channelHoldsOrders` false (the store has no order of the channel, as before its first look-back) narrows a
    /// backfill to `backfillStatuses`: the window's pending orders and its cancelled ones never seen would only be
    /// skipped (R17), and each page of them costs a searchOrders call, 3 minutes at Amazon's rate past the burst.
    /// Once the channel holds orders a backfill asks for every status, so an order it holds that was cancelled or
    /// shipped meanwhile is updated (R17, R18).
    func windows(request: SyncRequest, endpoint: SyncEnvironment.ChannelEndpoint, cursor: Date?, mode: OrderSyncMode,
                 now: Date, channelHoldsOrders: Bool = true) -> [Window] {
        let marketplaceIds = [endpoint.channel.marketplace.marketplaceId]
        let pageSize = min(max(environment.orderPageSize, 1), 100)
        let latest = now.addingTimeInterval(-Self.amazonLag)
        let lookbackStart = now.addingTimeInterval(-Double(endpoint.initialLookbackDays) * 86400)
        let backfillStatuses = channelHoldsOrders ? [] : Self.backfillStatuses
        if let frame = request.timeframe {
            // R8: the seller's timeframe, by creation; the cursor is the incremental sync's alone.
            let before = min(frame.end, latest)
            var query = Orders.SearchOrdersQuery.created(after: min(frame.start, before), before: before, marketplaceIds: marketplaceIds,
                                                         includedData: Self.includedData, maxResultsPerPage: pageSize)
            query.fulfillmentStatuses = backfillStatuses
            return [Window(query: query, advancesCursor: false, isBackfill: true)]
        }
        guard request.trigger != .initial, let cursor else {
            // R5: the look-back by creation date; the search's bound becomes the first cursor.
            var query = Orders.SearchOrdersQuery.created(after: lookbackStart, marketplaceIds: marketplaceIds,
                                                         includedData: Self.includedData, maxResultsPerPage: pageSize)
            query.fulfillmentStatuses = backfillStatuses
            return [Window(query: query, advancesCursor: true, isBackfill: true)]
        }
        var result: [Window] = []
        if modes.needsFulfilledSweep(channel: request.channel, mode: mode) {
            // R17: a widened preference brings the look-back's shipped orders, which no increment shows again.
            var sweep = Orders.SearchOrdersQuery.created(after: lookbackStart, marketplaceIds: marketplaceIds,
                                                         includedData: Self.includedData, maxResultsPerPage: pageSize)
            sweep.fulfillmentStatuses = [.shipped]
            result.append(Window(query: sweep, advancesCursor: false))
        }
        // Decision 2: increments go by lastUpdated, starting an overlap before the cursor; never by creation.
        let after = min(cursor.addingTimeInterval(-environment.orderOverlap), latest)
        result.append(Window(query: .updated(after: after, marketplaceIds: marketplaceIds, includedData: Self.includedData,
                                             maxResultsPerPage: pageSize),
                             advancesCursor: true))
        return result
    }

    /// The fulfilment statuses a backfill of a channel without orders asks for: those R17 creates an order never seen
    /// with in the widest mode (OrderAdmission decides), so pending and void orders are left out.
    ///
    /// Shipped orders stay in under the confirmed mode too, where R17 skips them: its look-back keeps reading (and the
    /// history keeps recording as skipped) the same orders as before. Leaving them out there as well would save most
    /// of that look-back's pages; it is a separate decision.
    static let backfillStatuses: [Orders.FulfillmentStatus] = Orders.FulfillmentStatus.allKnown.filter { wire in
        guard let status = OrderStatus(amazon: wire.rawValue) else { return false }
        return OrderAdmission.decide(mode: .confirmedAndFulfilled, status: status, exists: false) == .create
    }

    /// How fetching a window ended.
    enum FetchEnd: Sendable, Equatable {
        case completed
        case failed(OrderSyncFailure)
        /// `handOff` asked to stop after the first page (the window goes to the order report).
        case handedOff
        var failure: OrderSyncFailure? { if case .failed(let f) = self { f } else { nil } }
    }

    /// Fetches every page of one window into the store.
    ///
    /// `cursor` replaces the bound Amazon returns as the cursor of the last page (the order report's end);
    /// `handOff` sees the first page once it is stored and stops the fetch when it returns true.
    /// `request` names the search in a failed request's history record.
    func fetch(_ window: Window, channel: ChannelName, task: SyncTask.ID, cursor fixedCursor: Date? = nil,
               keep: ((Orders.Order) -> Bool)? = nil, request: String = "searchOrders",
               handOff: ((Orders.SearchOrdersResponse) async -> Bool)? = nil) async -> FetchEnd {
        let client = environment.channels[channel]!.client
        var pages = client.searchOrdersPages(window.query).makeAsyncIterator()
        var pageNumber = 0
        while true {
            let page: Orders.SearchOrdersResponse
            do {
                guard let next = try await pages.next() else { return .completed }
                page = next
            } catch {
                let failure = OrderSyncFailure(error)
                logger.notice("order page request failed", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task)",
                    "spapi.operation": "orders_2026-01-01.searchOrders", "page": "\(pageNumber + 1)",
                    "refused": "\(failure.refused)",
                ])
                // The run stops here; the history shows why (a record for the request, as the store counts records).
                try? database.addRecords(task: task, [TaskRecord(
                    recordId: "\(request) page \(pageNumber + 1)", kind: "request", outcome: .failed, reason: failure.reason)])
                return .failed(failure)
            }
            pageNumber += 1
            let isLast = page.pagination?.nextToken == nil
            var cursor: Date?
            if isLast, window.advancesCursor {
                cursor = fixedCursor ?? page.lastUpdatedBefore ?? page.createdBefore
                    ?? environment.clock.now().addingTimeInterval(-Self.amazonLag)
            }
            store(keep.map { page.orders.filter($0) } ?? page.orders, channel: channel, cursor: cursor, task: task)
            if isLast { return .completed }
            if pageNumber == 1, let handOff, await handOff(page) { return .handedOff }
        }
    }

    /// Maps and upserts one page; orders that cannot be mapped or stored become failed records in the retry queue (R11).
    private func store(_ wire: [Orders.Order], channel: ChannelName, cursor: Date?, task: SyncTask.ID?) {
        var incoming: [IncomingOrder] = []
        var failed: [TaskRecord] = []
        incoming.reserveCapacity(wire.count)
        for order in wire {
            do {
                incoming.append(try order.incomingOrder())
            } catch {
                failed.append(TaskRecord(recordId: order.orderId, kind: Self.recordKind, outcome: .failed, reason: error.description))
            }
        }
        store(incoming, failed: failed, channel: channel, cursor: cursor, task: task)
    }

    /// Upserts mapped orders as one page (the path every source shares: R17, R18, R27, lines to listings).
    func store(_ mapped: [IncomingOrder], failed alreadyFailed: [TaskRecord] = [], channel: ChannelName, cursor: Date?,
               task: SyncTask.ID?) {
        var incoming = mapped
        var failed = alreadyFailed
        // The store refuses a whole page for one malformed order; drop that order by name and store the rest.
        while true {
            do {
                try database.upsertOrders(channel: channel, orders: incoming, cursor: cursor, task: task,
                                          now: environment.clock.now())
                break
            } catch StoreError.invalidOrder(let id, let reason) where incoming.contains(where: { $0.amazonOrderId == id }) {
                incoming.removeAll { $0.amazonOrderId == id }
                failed.append(TaskRecord(recordId: id, kind: Self.recordKind, outcome: .failed,
                                         reason: "Amazon sent an order the store cannot take (\(reason))"))
            } catch {
                // The whole page is lost (disk, vault): every order of it fails and is retried one by one.
                logger.notice("order page could not be stored", metadata: [
                    "channel": "\(channel)", "module": "orders", "task": "\(task.map(String.init) ?? "-")", "error": "\(error)",
                ])
                failed += incoming.map {
                    TaskRecord(recordId: $0.amazonOrderId, kind: Self.recordKind, outcome: .failed, reason: "\(error)")
                }
                break
            }
        }
        guard !failed.isEmpty else { return }
        if let task { try? database.addRecords(task: task, failed) }
        for record in failed { enqueueRetry(channel: channel, orderId: record.recordId, reason: record.reason, task: task) }
    }

    func enqueueRetry(channel: ChannelName, orderId: String, reason: String?, task: SyncTask.ID?) {
        let now = environment.clock.now()
        let due = retryPolicy.nextAttempt(after: 1, now: now, random: Double.random(in: 0..<1)) ?? now
        do {
            try database.enqueueRetry(channel: channel, module: .orders, kind: Self.recordKind, recordId: orderId,
                                      nextAttemptAt: due, lastError: reason, task: task, now: now)
        } catch {
            logger.notice("order retry could not be queued", metadata: [
                "channel": "\(channel)", "module": "orders", "error": "\(error)",
            ])
        }
    }

    /// Ends the task and sets the channel's state: idle, or error with the reason when Amazon refused.
    private func finish(channel: ChannelName, task: SyncTask.ID, failure: OrderSyncFailure?) -> SyncOutcome {
        let end = environment.clock.now()
        // A run cut short is failed whatever its records say: part of its window was never seen.
        let status = (try? database.finishTask(ofRun: task, now: end, aborted: failure != nil)) ?? .failed
        let counts = (try? database.task(id: task))?.0
        if let failure, failure.refused {
            try? database.setChannelState(channel: channel, state: .error, reason: failure.reason)
        } else {
            try? database.setChannelState(channel: channel, state: .idle, reason: nil)
        }
        logger.info("order sync finished", metadata: [
            "channel": "\(channel)", "module": "orders", "task": "\(task)", "status": "\(status)",
            "synced": "\(counts?.synced ?? 0)", "failed": "\(counts?.failed ?? 0)",
        ])
        return SyncOutcome(task: task, status: status, synced: counts?.synced ?? 0, failed: counts?.failed ?? 0,
                           reason: failure?.reason)
    }

    // MARK: - Named records

    public func refetch(channel: ChannelName, recordIds: [String], task: SyncTask.ID?) async -> [TaskRecord] {
        guard let endpoint = environment.channels[channel] else {
            return recordIds.map {
                TaskRecord(recordId: $0, kind: Self.recordKind, outcome: .failed,
                           reason: "channel \(channel) is not declared: add it to the configuration and reload")
            }
        }
        var records: [TaskRecord] = []
        for orderId in recordIds {
            let record: TaskRecord
            do {
                let wire = try await endpoint.client.getOrder(orderId: orderId, includedData: Self.includedData).order
                record = storeOne(wire, channel: channel, task: task)
            } catch {
                let failure = OrderSyncFailure(error)
                logger.notice("order refetch failed", metadata: [
                    "channel": "\(channel)", "module": "orders", "spapi.operation": "orders_2026-01-01.getOrder",
                    "refused": "\(failure.refused)",
                ])
                let notFound = OrderSyncFailure.isNotFound(error)
                let reason = notFound ? "Amazon does not know order \(orderId) in this seller account" : failure.reason
                record = TaskRecord(recordId: orderId, kind: Self.recordKind, outcome: .failed, reason: reason)
                if let task { try? database.addRecords(task: task, [record]) }
                if failure.isTransient && !notFound { enqueueRetry(channel: channel, orderId: orderId, reason: reason, task: task) }
            }
            records.append(record)
        }
        return records
    }

    /// Maps and upserts one order fetched by id; the outcome as the task records it.
    private func storeOne(_ wire: Orders.Order, channel: ChannelName, task: SyncTask.ID?) -> TaskRecord {
        let order: IncomingOrder
        do {
            order = try wire.incomingOrder()
        } catch {
            let record = TaskRecord(recordId: wire.orderId, kind: Self.recordKind, outcome: .failed, reason: error.description)
            if let task { try? database.addRecords(task: task, [record]) }
            enqueueRetry(channel: channel, orderId: wire.orderId, reason: error.description, task: task)
            return record
        }
        do {
            let result = try database.upsertOrders(channel: channel, orders: [order], cursor: nil, task: task,
                                                   now: environment.clock.now())
            switch result.first?.action {
            case .skipped(let reason): return TaskRecord(recordId: wire.orderId, kind: Self.recordKind, outcome: .skipped, reason: reason)
            default: return TaskRecord(recordId: wire.orderId, kind: Self.recordKind, outcome: .synced)
            }
        } catch {
            let record = TaskRecord(recordId: wire.orderId, kind: Self.recordKind, outcome: .failed, reason: error.description)
            if let task { try? database.addRecords(task: task, [record]) }
            if case .invalidOrder = error {} else {
                enqueueRetry(channel: channel, orderId: wire.orderId, reason: error.description, task: task)
            }
            return record
        }
    }
}
