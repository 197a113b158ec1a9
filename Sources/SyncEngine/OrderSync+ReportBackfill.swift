import Foundation
import Inventory
import InventoryStore
import Logging
import SellingPartner

/// The order backfill through Amazon's order report (issue 7): R5's look-back and R8's timeframes at any seller size.
///
/// Flow: createReport for the window by last update (start … now − Amazon's lag) → getReport polled with backoff →
/// the gzip document → rows grouped into orders → `store` in pages (the searchOrders path: R17, R18, R27, listings)
/// → one searchOrders by lastUpdated from the report's end (on Amazon's clock) minus the overlap, which fetches the
/// orders changed while the report was generated and whose last page writes the cursor Amazon returns (decision 2).
/// The buyer data the report lacks (R30) comes after that, in `fetchBuyerData`, which every run ends with: so the
/// cursor is written and the increment runs as soon as every order is present, however long the buyer data takes.
///
/// Restart safety: nothing but that last page writes the cursor, so a run killed anywhere before it leaves the
/// channel without a cursor and the next run backfills the window again; every page is an idempotent upsert, so
/// no order or stock movement is doubled. A run killed in the buyer phase leaves the cursor written; the next run
/// (an increment) resumes the buyer phase from the store. The report id is not persisted: a new report is requested (one
/// createReport of 15 in the burst), which is simpler than resuming and costs Amazon's generation time once more.
extension OrderSync {
    /// Fetches a look-back or timeframe window by the configured path; returns why the run must stop, or nil.
    func backfill(_ window: Window, endpoint: SyncEnvironment.ChannelEndpoint, task: SyncTask.ID) async -> OrderSyncFailure? {
        let channel = endpoint.channel.name
        switch endpoint.orderBackfill {
        case .search:
            return await fetch(window, channel: channel, task: task).failure
        case .report:
            return await reportBackfill(window, endpoint: endpoint, task: task)
        case .auto:
            let pageSize = window.query.maxResultsPerPage ?? 100
            let start = window.query.createdAfter!
            let end = window.query.createdBefore ?? environment.clock.now().addingTimeInterval(-Self.amazonLag)
            var estimate = 0
            var breakEven = 0
            // The first page is fetched (and stored) anyway; it tells how many orders the window holds, and its
            // answer the rate Amazon applies to this seller (x-amzn-RateLimit-Limit), which the rule uses.
            let client = endpoint.client
            let probe = await fetch(window, channel: channel, task: task, handOff: { page in
                let threshold = OrderBackfillThreshold(
                    searchRate: await client.rate(operation: "orders_2026-01-01.searchOrders"), pageSize: pageSize)
                breakEven = threshold.breakEvenOrders
                estimate = OrderBackfillThreshold.estimatedOrders(
                    firstPage: page.orders.map(\.createdTime), isLast: page.pagination?.nextToken == nil,
                    window: DateInterval(start: start, end: max(start, end)))
                return threshold.prefersReport(orders: estimate)
            })
            guard probe == .handedOff else { return probe.failure }
            logger.info("order backfill through the order report", metadata: [
                "channel": "\(channel)", "module": "orders", "task": "\(task)", "estimatedOrders": "\(estimate)",
                "breakEvenOrders": "\(breakEven)",
            ])
            return await reportBackfill(window, endpoint: endpoint, task: task)
        }
    }

    /// The report flow; a report that does not end DONE falls back to searchOrders for the same window.
    func reportBackfill(_ window: Window, endpoint: SyncEnvironment.ChannelEndpoint, task: SyncTask.ID) async -> OrderSyncFailure? {
        let channel = endpoint.channel.name
        let marketplaceId = endpoint.channel.marketplace.marketplaceId
        let start = window.query.createdAfter!
        let dataEnd = environment.clock.now().addingTimeInterval(-Self.amazonLag)
        // R5 has no upper bound (up to Amazon's latest), R8 its frame's end.
        let createdEnd = window.query.createdBefore ?? .distantFuture
        // By last update from the window's start: every order created in the window was updated after its start.
        let specification = CreateReportSpecification(
            reportType: OrdersReport.reportType, marketplaceIds: [marketplaceId], dataStartTime: start, dataEndTime: dataEnd)
        let outcome: ReportsOutcome
        do {
            // Polls at most every 30 s: Amazon's ~5 minutes of generation then cost about a dozen getReport calls
            // (2/s allowed), and the document is fetched within half a minute of being ready.
            outcome = try await endpoint.client.runReport(specification, pollInterval: reportPollInterval,
                                                          maxPollInterval: max(reportPollInterval, .seconds(30)),
                                                          timeout: reportTimeout)
        } catch {
            return await fallBack(window, channel: channel, task: task, report: "order report",
                                  reason: "the order report could not be fetched (\(OrderSyncFailure(error).reason))")
        }
        let contents: Data
        let reportId: String
        let reportEnd: Date
        switch outcome {
        case .done(let report, let data):
            contents = data
            reportId = report.reportId
            // Amazon's echo of the end, on Amazon's clock (decision 2), else the end asked for.
            reportEnd = report.dataEndTime ?? dataEnd
        case .fatal(let report, _):
            return await fallBack(window, channel: channel, task: task, report: "report \(report.reportId)",
                                  reason: "Amazon ended the order report FATAL")
        case .cancelled(let report):
            return await fallBack(window, channel: channel, task: task, report: "report \(report.reportId)",
                                  reason: "Amazon cancelled the order report")
        case .timedOut(let report):
            return await fallBack(window, channel: channel, task: task, report: "report \(report.reportId)",
                                  reason: "the order report was still \(report.processingStatus.rawValue) when the time allowed ran out")
        }
        let document: OrdersReport
        do {
            document = try OrdersReport(contents)
        } catch {
            return await fallBack(window, channel: channel, task: task, report: "report \(reportId)",
                                  reason: "the order report's document is unreadable (\(error))")
        }

        let pageSize = window.query.maxResultsPerPage ?? 100
        var page: [IncomingOrder] = []
        page.reserveCapacity(pageSize)
        var byId: [String] = []
        var unreadable: [TaskRecord] = []
        var rows = 0
        for entry in document {
            switch entry {
            case .order(let order):
                rows += order.lines.count
                // R5, R8 go by creation; the report by last update also holds older orders changed since.
                guard order.purchasedAt >= start, order.purchasedAt <= createdEnd else { continue }
                page.append(order)
                if page.count == pageSize {
                    store(page, channel: channel, cursor: nil, task: task)
                    page.removeAll(keepingCapacity: true)
                }
            case .invalid(let orderId?, _, _), .scattered(let orderId, _):
                // Read whole by id instead: getOrder brings every item with its id.
                byId.append(orderId)
            case .invalid(nil, let line, let reason):
                unreadable.append(TaskRecord(recordId: "report \(reportId) line \(line)", kind: "request", outcome: .failed,
                                             reason: "an order report row could not be read (\(reason)); resync the timeframe"))
            }
        }
        if !page.isEmpty { store(page, channel: channel, cursor: nil, task: task) }
        if !unreadable.isEmpty { try? database.addRecords(task: task, unreadable) }
        if !byId.isEmpty { _ = await refetch(channel: channel, recordIds: Array(Set(byId)).sorted(), task: task) }
        logger.info("order report stored", metadata: [
            "channel": "\(channel)", "module": "orders", "task": "\(task)", "report": "\(reportId)", "rows": "\(rows)",
            "refetched": "\(byId.count)",
        ])

        // Hand-over (decision 2): the orders changed since the report's end minus the overlap (those that changed
        // while it was generated, usually one page), kept to the window's creation bounds. Its last page writes the
        // cursor Amazon returns, so a look-back ends exactly like a searchOrders look-back, and a timeframe misses
        // no order of its frame that changed during the report.
        let catchUp = Orders.SearchOrdersQuery.updated(
            after: reportEnd.addingTimeInterval(-environment.orderOverlap), marketplaceIds: [marketplaceId],
            includedData: Self.includedData, maxResultsPerPage: pageSize)
        return await fetch(Window(query: catchUp, advancesCursor: window.advancesCursor), channel: channel, task: task,
                           keep: { $0.createdTime >= start && $0.createdTime <= createdEnd }).failure
    }

    /// Says in history and the journal why the report was not used, then searches the window as before.
    private func fallBack(_ window: Window, channel: ChannelName, task: SyncTask.ID, report: String, reason: String) async
        -> OrderSyncFailure?
    {
        logger.notice("order report not used, falling back to searchOrders", metadata: [
            "channel": "\(channel)", "module": "orders", "task": "\(task)", "report": "\(report)", "reason": "\(reason)",
            "spapi.operation": "reports_2021-06-30.getReport",
        ])
        try? database.addRecords(task: task, [TaskRecord(
            recordId: report, kind: "report", outcome: .skipped, reason: "\(reason); fell back to searchOrders for the same window")])
        return await fetch(window, channel: channel, task: task).failure
    }
}
