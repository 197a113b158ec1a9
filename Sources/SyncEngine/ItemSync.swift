import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// Syncs one channel's Amazon listings into the store's items and listings (R13, R15), one run per task (R9).
///
/// A full sync reads the GET_MERCHANT_LISTINGS_ALL_DATA report: it is the complete set of the seller's listings
/// for three requests, whatever the catalogue's size. The report does not name variation families, so the
/// variation data comes from searchListingsItems pages with `attributes` (20 listings a request at 5 requests/s),
/// which costs N/20 requests, where getListingsItem per row costs N at 5/s and getCatalogItem per ASIN N at 2/s
/// (the report does not name parent ASINs, so "once per family" would still need each child's catalog entry).
/// A listing the search missed (listed between report and search) is asked for by getListingsItem.
///
/// Which run: `.initial`, `.manual` without timeframe, and any run of a channel without an earlier complete items
/// sync are full; `.scheduled` is incremental (searchListingsItems since the last complete run's start minus the
/// overlap); a timeframe (R8) searches listings updated within it; a resync (R10) fetches the records of the task again.
public struct ItemSync: ModuleSync {
    /// Listing-level includedData of increments and refetches: what the mapping reads.
    static let includedData: [ListingsItems.IncludedData] = [.summaries, .attributes, .fulfillmentAvailability]

    private let environment: SyncEnvironment
    private let batchSize: Int
    private let reportPollInterval: Duration
    private let reportTimeout: Duration
    private let retryDelay: TimeInterval

    /// `batchSize` = listings per store transaction; `reportPollInterval` = the first getReport wait (tests shorten it);
    /// `retryDelay` = when a record that failed transiently is first retried (the retry queue then backs off, R11).
    public init(environment: SyncEnvironment, batchSize: Int = 500, reportPollInterval: Duration = .seconds(15),
                reportTimeout: Duration = .seconds(3600), retryDelay: TimeInterval = 60) {
        self.environment = environment
        self.batchSize = max(1, batchSize)
        self.reportPollInterval = reportPollInterval
        self.reportTimeout = reportTimeout
        self.retryDelay = retryDelay
    }

    private var database: AppDatabase { environment.database }
    private var logger: Logger { environment.logger }

    /// How one run fetches its listings.
    enum Plan: Equatable {
        case full
        case since(Date)
        case window(DateInterval)
        case resync(SyncTask.ID)
    }

    public func run(_ request: SyncRequest) async -> SyncOutcome {
        let channel = request.channel
        guard let endpoint = environment.channels[channel] else {
            let reason = ItemSyncError.channelNotDeclared(channel.rawValue).description
            logger.notice("item sync refused", metadata: ["channel": "\(channel)", "module": "items", "reason": "\(reason)"])
            return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: reason)
        }
        let task: SyncTask.ID
        let plan: Plan
        do {
            plan = try self.plan(for: request)
            task = try database.startTask(for: request, now: environment.clock.now())
            try setState(channel, .syncing, reason: nil)
        } catch {
            logger.notice("item sync could not start", metadata: ["channel": "\(channel)", "module": "items", "reason": "\(error)"])
            return SyncOutcome(task: nil, status: .failed, synced: 0, failed: 0, reason: "\(error)")
        }
        logger.info("item sync started", metadata: [
            "channel": "\(channel)", "module": "items", "task": "\(task)", "trigger": "\(request.trigger)", "plan": "\(plan)",
        ])
        var failure: String?
        do {
            switch plan {
            case .full: try await fullSync(endpoint, task: task)
            case .since(let date):
                try await search(endpoint, task: task, after: date.addingTimeInterval(-environment.orderOverlap), before: nil)
            case .window(let window): try await search(endpoint, task: task, after: window.start, before: window.end)
            case .resync(let original):
                let ids = try database.task(id: original)?.1.filter { $0.kind == "listing" }.map(\.recordId) ?? []
                _ = await refetch(channel: channel, recordIds: ids, task: task)
            }
        } catch {
            failure = "\(error)"
            // The run's failure is a record of its own, so the task shows failed with the reason (R9, R11).
            try? database.addRecords(task: task, [TaskRecord(recordId: "run", kind: "items-run", outcome: .failed, reason: failure)])
        }
        return finish(channel: channel, task: task, failure: failure)
    }

    /// Ends the task and sets the channel state: idle after a run, error with the reason after a failed one.
    private func finish(channel: ChannelName, task: SyncTask.ID, failure: String?) -> SyncOutcome {
        let now = environment.clock.now()
        do {
            let status = try database.finishTask(ofRun: task, now: now)
            try setState(channel, failure == nil ? .idle : .error, reason: failure)
            let counts = try database.task(id: task)?.0
            let outcome = SyncOutcome(task: task, status: status, synced: counts?.synced ?? 0, failed: counts?.failed ?? 0, reason: failure)
            logger.info("item sync finished", metadata: [
                "channel": "\(channel)", "module": "items", "task": "\(task)", "status": "\(status)",
                "synced": "\(outcome.synced)", "failed": "\(outcome.failed)",
            ])
            return outcome
        } catch {
            logger.notice("item sync could not finish its task", metadata: ["channel": "\(channel)", "task": "\(task)", "reason": "\(error)"])
            return SyncOutcome(task: task, status: .failed, synced: 0, failed: 0, reason: "\(error)")
        }
    }

    /// Sets the channel's state, except that an inactive channel stays inactive with its reason: a run never
    /// activates a channel whose prerequisites failed (R2); only the activation check does.
    private func setState(_ channel: ChannelName, _ state: ChannelState, reason: String?) throws {
        guard try database.channel(named: channel)?.1.state != .inactive else { return }
        try database.setChannelState(channel: channel, state: state, reason: reason)
    }

    /// Decides full, incremental, timeframe or resync (see the type's documentation).
    func plan(for request: SyncRequest) throws -> Plan {
        if let original = request.resyncOf { return .resync(original) }
        if let window = request.timeframe { return .window(window) }
        if request.trigger == .initial || request.trigger == .manual { return .full }
        guard let last = try lastCompleteSweep(channel: request.channel) else { return .full }
        return .since(last)
    }

    /// The start of the newest items run that swept the whole channel and ended (succeeded or partial: partial
    /// records are in the retry queue); increments continue from there.
    func lastCompleteSweep(channel: ChannelName) throws -> Date? {
        let sweeps: Set<SyncTrigger> = [.initial, .scheduled, .manual]
        var newest: Date?
        for status in [TaskStatus.succeeded, .partial] {
            let found = try database.tasks(channel: channel, status: status, limit: 1000)
                .first { $0.module == .items && sweeps.contains($0.trigger) && $0.timeframe == nil && $0.resyncOf == nil }
            if let start = found?.startedAt, newest.map({ start > $0 }) ?? true { newest = start }
        }
        return newest
    }

    // MARK: - Full sync

    private func fullSync(_ endpoint: SyncEnvironment.ChannelEndpoint, task: SyncTask.ID) async throws {
        let channel = endpoint.channel.name
        let marketplaceId = endpoint.channel.marketplace.marketplaceId
        let spec = CreateReportSpecification(reportType: MerchantListingsReport.reportType, marketplaceIds: [marketplaceId])
        let outcome = try await endpoint.client.runReport(spec, pollInterval: reportPollInterval, timeout: reportTimeout)
        let contents: Data
        switch outcome {
        case .done(_, let data): contents = data
        case .cancelled:
            // Amazon cancels a report without data: the seller has no listings in this marketplace.
            logger.info("listings report cancelled by Amazon: no listings", metadata: ["channel": "\(channel)", "task": "\(task)"])
            return
        case .fatal(let report, _): throw ItemSyncError.reportFailed(reportId: report.reportId)
        case .timedOut(let report): throw ItemSyncError.reportTimedOut(reportId: report.reportId)
        }
        let report = try MerchantListingsReport(contents)
        var rows: [MerchantListingsReport.Listing] = []
        var invalid: [TaskRecord] = []
        for row in report {
            switch row {
            case .listing(let listing): rows.append(listing)
            case .invalid(let line, let reason):
                invalid.append(TaskRecord(recordId: "line \(line)", kind: "report-row", outcome: .failed, reason: reason))
            }
        }
        if !invalid.isEmpty { try database.addRecords(task: task, invalid) }
        var variations = try await variationsBySku(endpoint)
        // Listed after the search pages were read: ask for each one. Without its variation data a row could slip
        // past R15, so a row that cannot be read fails (and a transient failure goes to the retry queue).
        var unreadable: Set<String> = []
        for row in rows where variations[row.sellerSku] == nil {
            do {
                let item = try await endpoint.client.getListingsItem(
                    sku: row.sellerSku, marketplaceIds: [marketplaceId], includedData: [.attributes, .summaries])
                variations[row.sellerSku] = Variation(item.incomingListing(marketplaceId: marketplaceId))
            } catch {
                _ = failedRecord(channel: channel, sku: row.sellerSku, error: error, task: task)
                unreadable.insert(row.sellerSku)
            }
        }
        if !unreadable.isEmpty { rows.removeAll { unreadable.contains($0.sellerSku) } }
        logger.info("listings report read", metadata: [
            "channel": "\(channel)", "task": "\(task)", "rows": "\(rows.count)", "invalid": "\(invalid.count)",
            "spapi.operation": "reports_2021-06-30.createReport",
        ])
        var start = rows.startIndex
        while start < rows.endIndex {
            try Task.checkCancellation()
            let end = min(start + batchSize, rows.endIndex)
            let batch = rows[start..<end].map { row in
                let v = variations[row.sellerSku]
                return row.incomingListing(variationFamily: v?.family, variationAttributes: v?.attributes ?? [])
            }
            try database.upsertListings(channel: channel, listings: batch, task: task, now: environment.clock.now())
            start = end
        }
    }

    /// A listing's variation family and attributes.
    struct Variation {
        var family: String?
        var attributes: [String]
        init(_ listing: IncomingListing) {
            family = listing.variationFamily
            attributes = listing.variationAttributes
        }
    }

    /// Every listing's variation data by SKU, from searchListingsItems pages of 20.
    private func variationsBySku(_ endpoint: SyncEnvironment.ChannelEndpoint) async throws -> [String: Variation] {
        let marketplaceId = endpoint.channel.marketplace.marketplaceId
        let query = SearchListingsItemsQuery(marketplaceIds: [marketplaceId], includedData: [.summaries, .attributes],
                                             pageSize: SearchListingsItemsQuery.maxPageSize)
        var result: [String: Variation] = [:]
        for try await page in endpoint.client.searchListingsItemsPages(query) {
            for item in page.items { result[item.sku] = Variation(item.incomingListing(marketplaceId: marketplaceId)) }
        }
        return result
    }

    // MARK: - Increments and timeframes

    /// Stores the listings updated after `after` (and before `before`), one page per transaction.
    private func search(_ endpoint: SyncEnvironment.ChannelEndpoint, task: SyncTask.ID, after: Date, before: Date?) async throws {
        let marketplaceId = endpoint.channel.marketplace.marketplaceId
        let query = SearchListingsItemsQuery(
            marketplaceIds: [marketplaceId], includedData: Self.includedData, lastUpdatedAfter: after, lastUpdatedBefore: before,
            sortBy: .lastUpdatedDate, sortOrder: .ascending, pageSize: SearchListingsItemsQuery.maxPageSize)
        var pages = 0
        for try await page in endpoint.client.searchListingsItemsPages(query) {
            pages += 1
            let listings = page.items.map { $0.incomingListing(marketplaceId: marketplaceId) }
            try database.upsertListings(channel: endpoint.channel.name, listings: listings, task: task, now: environment.clock.now())
        }
        logger.info("listings searched", metadata: [
            "channel": "\(endpoint.channel.name)", "task": "\(task)", "pages": "\(pages)",
            "spapi.operation": "listingsItems_2021-08-01.searchListingsItems",
        ])
    }

    // MARK: - Refetch (resync R10, retry R11)

    public func refetch(channel: ChannelName, recordIds: [String], task: SyncTask.ID?) async -> [TaskRecord] {
        guard let endpoint = environment.channels[channel] else {
            let reason = ItemSyncError.channelNotDeclared(channel.rawValue).description
            let records = recordIds.map { TaskRecord(recordId: $0, kind: "listing", outcome: .failed, reason: reason) }
            if let task { try? database.addRecords(task: task, records) }
            return records
        }
        let marketplaceId = endpoint.channel.marketplace.marketplaceId
        var records: [TaskRecord] = []
        for sku in recordIds {
            do {
                let item = try await endpoint.client.getListingsItem(sku: sku, marketplaceIds: [marketplaceId], includedData: Self.includedData)
                let results = try database.upsertListings(channel: channel, listings: [item.incomingListing(marketplaceId: marketplaceId)],
                                                          task: task, now: environment.clock.now())
                for r in results {
                    if case .rejected(let reason) = r.action {
                        records.append(TaskRecord(recordId: sku, kind: "listing", outcome: .failed, reason: reason))
                    } else {
                        records.append(TaskRecord(recordId: sku, kind: "listing", outcome: .synced))
                    }
                }
            } catch {
                records.append(failedRecord(channel: channel, sku: sku, error: error, task: task))
            }
        }
        return records
    }

    /// The failed record of one SKU; a transient failure also goes to the retry queue (R11).
    private func failedRecord(channel: ChannelName, sku: String, error: any Error, task: SyncTask.ID?) -> TaskRecord {
        let reason: String
        if case SellingPartnerError.api(status: 404, _) = error {
            reason = "listing no longer on Amazon"
        } else {
            reason = "\(error)"
        }
        let record = TaskRecord(recordId: sku, kind: "listing", outcome: .failed, reason: reason)
        if let task { try? database.addRecords(task: task, [record]) }
        if Self.isTransient(error) {
            let now = environment.clock.now()
            do {
                try database.enqueueRetry(channel: channel, module: .items, kind: "listing", recordId: sku,
                                          nextAttemptAt: now.addingTimeInterval(retryDelay), lastError: reason, task: task, now: now)
                logger.info("listing queued for retry", metadata: ["channel": "\(channel)", "module": "items", "task": "\(task.map { "\($0)" } ?? "-")"])
            } catch {
                logger.notice("listing could not be queued for retry", metadata: ["channel": "\(channel)", "reason": "\(error)"])
            }
        }
        return record
    }

    /// Whether a later attempt may succeed: network trouble, throttling and Amazon's 5xx and 429 are; a 4xx is not.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case SellingPartnerError.transport, SellingPartnerError.throttled: return true
        case SellingPartnerError.api(let status, _): return status >= 500 || status == 429
        case is TransportError: return true
        default: return false
        }
    }
}
