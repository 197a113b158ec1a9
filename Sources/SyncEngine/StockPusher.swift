import Foundation
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle

/// Brings the quantities Amazon shows for MFN listings to the desired ones, from the persistent stock outbox (R16,
/// decision 4).
///
/// It sleeps until the store signals a committed change to the outbox (or the sweep interval, or the next backoff,
/// passes), waits the coalescing window so a burst is one push, then takes the due entries, skips the channels that
/// may not push now (disabled, inactive, no client: their entries wait), discards entries that need nothing (FBA,
/// stock sync inactive, Amazon already holds the quantity) and sends the rest per channel through
/// `StockPushSender`: a few SKUs are patched in the pass, many are queued as a feed that runs beside the passes (one
/// feed at a time; its SKUs are left alone until its report is read back). Accepted pushes are acknowledged version-checked, so a change made meanwhile is pushed again;
/// rejected or failed ones stay in the outbox with a backoff, and the pass is recorded as a sync task with one
/// record per SKU so the history shows them.
public struct StockPusher: Service {
    /// Entries taken per pass; a full pass is followed by another at once.
    public static let batchLimit = 20_000
    /// The kind of the task records a push pass writes.
    public static let recordKind = "stockPush"

    private let environment: SyncEnvironment
    private let timing: StockPushTiming
    private let random: @Sendable () -> Double
    private let logger: Logger

    /// `random` picks the backoff jitter in [0, 1) (tests fix it).
    public init(environment: SyncEnvironment, timing: StockPushTiming = .init(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger) {
        self.environment = environment
        self.timing = timing
        self.random = random
        self.logger = logger
    }

    public func run() async throws {
        let changes = try environment.database.stockOutboxChanges()
        let doorbell = WakeSignal()
        let inFlight = StockPushInFlight()
        let (feeds, feedQueue) = AsyncStream<Batch>.makeStream()
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await _ in changes { doorbell.signal() }
                    }
                    // Feeds take Amazon minutes: they run here, one at a time, while the loop keeps patching
                    // the few SKUs that change meanwhile.
                    group.addTask {
                        for await job in feeds {
                            do {
                                try await send(job)
                            } catch let error where !(error is CancellationError) {
                                logger.notice("stock push feed failed", metadata: ["channel": "\(job.channel)", "reason": "\(error)"])
                            }
                            inFlight.remove(job.channel, job.pushes.map(\.entry.sku))
                            if Task.isCancelled { break }
                            doorbell.signal()  // what changed during the feed is due now
                        }
                    }
                    group.addTask { try await loop(doorbell, inFlight, feedQueue) }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            }
        } catch is CancellationError {
            // Shutdown: what is not pushed stays in the outbox for the next start.
        }
    }

    /// One channel's pushes, sent together.
    private struct Batch: Sendable {
        var channel: ChannelName
        var endpoint: SyncEnvironment.ChannelEndpoint
        var pushes: [Push]
    }

    private typealias Push = (entry: StockPushEntry, quantity: Int, attempts: Int)

    private func loop(_ doorbell: WakeSignal, _ inFlight: StockPushInFlight,
                      _ feedQueue: AsyncStream<Batch>.Continuation) async throws {
        let clock = environment.clock
        while !Task.isCancelled {
            var taken = 0
            do {
                taken = try await pushDue(inFlight, feedQueue)
            } catch let error where !(error is CancellationError) {
                logger.notice("stock push pass failed", metadata: ["reason": "\(error)"])
            }
            if taken >= Self.batchLimit { continue }  // more may be due at once
            let now = clock.now()
            // Work still due right after a pass belongs to channels that cannot push now or to a feed in flight:
            // wait for the sweep, a change, or the feed's end.
            var wake = now.addingTimeInterval(timing.sweepInterval)
            if let next = try? environment.database.nextStockPushDue(), next > now { wake = min(wake, next) }
            if await doorbell.wait(until: wake, clock: clock) {
                try await clock.sleep(until: clock.now().addingTimeInterval(timing.coalescingWindow))
                doorbell.consume()
            }
        }
    }

    /// One pass over the due outbox entries not already in a feed; returns how many it sent, queued or discarded
    /// (entries that wait for their channel or a feed are not counted, so they never make the loop spin).
    private func pushDue(_ inFlight: StockPushInFlight, _ feedQueue: AsyncStream<Batch>.Continuation) async throws -> Int {
        let database = environment.database
        let due = try database.dueStockOutbox(now: environment.clock.now(), limit: Self.batchLimit)
        guard !due.isEmpty else { return 0 }
        let settings = Dictionary(try database.channels().map { ($0.0.name, $0.1) }, uniquingKeysWith: { a, _ in a })
        var byChannel: [ChannelName: [(entry: StockPushEntry, attempts: Int)]] = [:]
        for item in due where !inFlight.contains(item.entry.channel, item.entry.sku) {
            byChannel[item.entry.channel, default: []].append(item)
        }
        var handled = 0
        for channel in byChannel.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            handled += try await push(channel: channel, byChannel[channel]!, settings: settings[channel], inFlight, feedQueue)
        }
        return handled
    }

    private func push(channel: ChannelName, _ entries: [(entry: StockPushEntry, attempts: Int)],
                      settings: ChannelSettings?, _ inFlight: StockPushInFlight,
                      _ feedQueue: AsyncStream<Batch>.Continuation) async throws -> Int {
        let database = environment.database
        let metadata: Logger.Metadata = ["channel": "\(channel)"]
        guard let endpoint = environment.channels[channel], let settings, settings.enabled,
              settings.state != .inactive, settings.state != .error
        else {
            // R2/R4: nothing is pushed for a channel that is disabled, inactive or without a client; the entries wait.
            logger.debug("stock push waits: channel cannot push now", metadata: metadata.merging(["entries": "\(entries.count)"]) { a, _ in a })
            return 0
        }
        var pushes: [Push] = []
        for (entry, attempts) in entries {
            // nil: FBA, unlinked, gone, or stock sync inactive (SetStockSync active enqueues the channel again).
            guard let desired = entry.desiredQuantity,
                  let quantity = StockPushPolicy.push(desired: desired, acknowledged: entry.acknowledgedQuantity)
            else {
                try database.discardStockOutbox(channel: channel, sku: entry.sku, version: entry.version)
                continue
            }
            pushes.append((entry, quantity, attempts))
        }
        guard !pushes.isEmpty else { return entries.count }
        if StockPushSender.method(forCount: pushes.count) == .feed {
            // One feed at a time (createFeed allows one per 120 s after its burst): what changes meanwhile gathers
            // in the outbox and goes in the next feed, in one piece.
            guard inFlight.isEmpty else { return 0 }
            inFlight.insert(channel, pushes.map(\.entry.sku))
            feedQueue.yield(Batch(channel: channel, endpoint: endpoint, pushes: pushes))
            logger.debug("stock push feed queued", metadata: metadata.merging(["skus": "\(pushes.count)"]) { a, _ in a })
            return entries.count
        }
        try await send(Batch(channel: channel, endpoint: endpoint, pushes: pushes))
        return entries.count
    }

    /// Sends one channel's pushes (by patch or feed, as their number says) and records what Amazon made of them.
    private func send(_ job: Batch) async throws {
        let database = environment.database
        let channel = job.channel
        let pushes = job.pushes
        let endpoint = job.endpoint
        let metadata: Logger.Metadata = ["channel": "\(channel)"]
        let sender = StockPushSender(client: endpoint.client, clock: environment.clock, timing: timing)
        let method = StockPushSender.method(forCount: pushes.count)
        let results = try await sender.send(pushes.map { (sku: $0.entry.sku, quantity: $0.quantity) })
        let now = environment.clock.now()
        var records: [TaskRecord] = []
        var acknowledged: [(sku: String, quantity: Int, version: Int64)] = []
        var failures: [(sku: String, reason: String)] = []
        for push in pushes {
            let sku = push.entry.sku
            switch results[sku] ?? .failed(reason: "no result for the SKU") {
            case .accepted:
                acknowledged.append((sku, push.quantity, push.entry.version))
                records.append(TaskRecord(recordId: sku, kind: Self.recordKind, outcome: .synced))
            case .rejected(let reason), .failed(let reason):
                failures.append((sku, reason))
            }
        }
        // Version-checked: a change committed during the push keeps its entry and is pushed next.
        try database.acknowledgePushes(channel: channel, acknowledged)
        let attempts = try postpone(channel: channel, failures, now: now)
        for (sku, reason) in failures {
            records.append(TaskRecord(
                recordId: sku, kind: Self.recordKind, outcome: .failed,
                reason: "\(reason); attempt \(attempts[sku] ?? 1), retried after backoff"))
        }
        let accepted = acknowledged.count
        let failed = pushes.count - accepted
        var taskMetadata = metadata.merging([
            "method": "\(method.rawValue)", "skus": "\(pushes.count)", "accepted": "\(accepted)", "failed": "\(failed)",
        ]) { a, _ in a }
        if failed > 0 {
            // The history shows rejected pushes (R16); a pass where all went through is only logged.
            let retry = pushes.contains { $0.attempts > 0 }
            let task = try database.startTask(channel: channel, module: .items, trigger: retry ? .retry : .scheduled, now: now)
            try database.addRecords(task: task, records)
            let status = try database.finishTask(task, now: now)
            taskMetadata["task"] = "\(task)"
            taskMetadata["status"] = "\(status)"
            logger.notice("stock push partly failed", metadata: taskMetadata)
        } else {
            if pushes.count == 1 { taskMetadata["sku"] = "\(pushes[0].entry.sku)" }
            logger.info("stock pushed", metadata: taskMetadata)
        }
    }

    private func postpone(channel: ChannelName, _ failures: [(sku: String, reason: String)], now: Date)
        throws(StoreError) -> [String: Int]
    {
        guard !failures.isEmpty else { return [:] }
        let timing = self.timing
        let random = self.random
        return try environment.database.postponePushes(channel: channel, failures, now: now) { attempts in
            timing.retryDelay(afterAttempts: attempts, random: random())
        }
    }
}
