import CSQLiteSettings
import Foundation
import GRDB
import Inventory
import Synchronization

/// The daemon's one SQLite database (WAL, one writer, many readers); every named write is one transaction.
///
/// Times are stored as INTEGER unix milliseconds, UTC. GRDB types never appear in this API (decision 7).
public final class AppDatabase: Sendable {
    private let pool: DatabasePool
    public let path: String
    /// nil when opened without a key: orders carrying PII are then refused (`vaultLocked`).
    let vault: PIIVault?
    /// Whether the last write failed because the disk was full: a full disk leaves nothing in the database to say so
    /// (writing the reason would fail too), so it is held here for GetStatus until a write succeeds again.
    private let lastWriteHitFullDisk = Mutex(false)
    /// Copies the write-ahead log into the database file off the writer's path (it replaces SQLite's automatic
    /// checkpoint on the pool's connections).
    let checkpointer: LogCheckpointer
    /// Every operation holds it while it uses a connection and `close()` waits for them: GRDB does not make a close
    /// safe against a read already under way (the read can be handed a reader the close just closed, and SQLite
    /// crashes on it), so the store never lets the two overlap. After `close()` operations throw `closed`.
    private let gate: ConnectionGate

    private init(pool: DatabasePool, path: String, vault: PIIVault?, gate: ConnectionGate, checkpointer: LogCheckpointer) {
        self.pool = pool
        self.path = path
        self.vault = vault
        self.gate = gate
        self.checkpointer = checkpointer
    }

    /// Opens (creating if needed) the database file at `path` and migrates it. The directory must exist.
    /// `vaultKey` seals buyer PII (R30); without it, orders that carry PII cannot be stored.
    public static func open(path: String, busyTimeout: TimeInterval = 5, vaultKey: VaultKey? = nil)
        throws(StoreError) -> AppDatabase
    {
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw .cannotOpen(path: path, reason: "directory \(dir) does not exist")
        }
        configureSQLite()
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        let gate = ConnectionGate()
        let checkpointer = LogCheckpointer(path: path, gate: gate)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            checkpointer.install(on: db)
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try migrator.migrate(pool)
            return AppDatabase(pool: pool, path: path, vault: vaultKey.map(PIIVault.init(key:)), gate: gate,
                               checkpointer: checkpointer)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_FULL { throw .diskFull }
            throw .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Applies the store's process-wide SQLite settings; the first call does, later ones return its result. SQLite
    /// takes them only before the process opens its first connection: `open` calls it, which is enough in invsyncd (its
    /// first connection is the store's), and a program that opens other connections first calls it before them
    /// (the benchmarks do, so their baselines run under the same settings). Returns whether they are in effect.
    ///
    /// The one setting: no memory statistics (SQLITE_CONFIG_MEMSTATUS off). With them on, every allocation and free
    /// inside SQLite takes a process-wide mutex to count bytes: 114 allocations per ingested order, about 8 % of the
    /// order ingest's instructions (callgrind, issue 6). Nothing here reads them (no soft heap limit, no
    /// sqlite3_memory_used); the daemon reports its memory from the kernel's figures.
    @discardableResult
    public static func configureSQLite() -> Bool { sqliteConfigured }

    private static let sqliteConfigured: Bool = invsync_sqlite_disable_memory_statistics() == 0

    /// Opens the database at `path` migrated only up to `migration` (inclusive), for tests of a later migration.
    static func openMigrated(path: String, upTo migration: String) throws -> DatabasePool {
        configureSQLite()
        var config = Configuration()
        config.foreignKeysEnabled = true
        let pool = try DatabasePool(path: path, configuration: config)
        try migrator.migrate(pool, upTo: migration)
        return pool
    }

    /// Frozen migrations: each is SQL text registered once and never edited.
    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in try db.execute(sql: Schema.v1) }
        m.registerMigration("v2") { db in try db.execute(sql: Schema.v2) }
        m.registerMigration("v3-privacy") { db in try db.execute(sql: Schema.privacy) }
        m.registerMigration("v3-ship") { db in try db.execute(sql: Schema.shipments) }
        m.registerMigration("v3-fba") { db in try db.execute(sql: Schema.fba) }
        m.registerMigration("v3-push") { db in try db.execute(sql: Schema.push) }
        m.registerMigration("v3-buyer-requests") { db in try db.execute(sql: Schema.buyerRequests) }
        // Issue 6's ingest migrations change no row: immediate foreign key checks spare them GRDB's deferred
        // whole-database foreign_key_check (15 s each on a 600,000-order store).
        m.registerMigration("v4-check-lists", foreignKeyChecks: .immediate) { db in try Schema.rewriteCheckLists(db) }
        m.registerMigration("v4-no-contact-index", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.noContactIndex)
        }
        m.registerMigration("v4-no-amazon-id-index", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: Schema.noAmazonIdIndex)
        }
        // Fills stock_level from the ledger (one pass) and drops two indexes: immediate checks, as above.
        m.registerMigration("v5-stock-level", foreignKeyChecks: .immediate) { db in try db.execute(sql: Schema.stockLevel) }
        return m
    }

    /// The SQL text of migration v1, exposed so tests can pin it.
    public static var v1MigrationSQL: String { Schema.v1 }

    /// The SQL text of migration v2, exposed so tests can pin it once released.
    public static var v2MigrationSQL: String { Schema.v2 }

    /// Releases the connections once the operations under way have finished; later ones throw `StoreError.closed`.
    /// Safe to call more than once and from any thread.
    public func close() {
        guard gate.closeWhenIdle() else { return }
        checkpointer.close()
        try? pool.close()
    }

    /// A quick read for the watchdog probe.
    public func healthCheck() async -> Bool {
        do {
            return try read { db in try Int.fetchOne(db, sql: "SELECT 1") == 1 }
        } catch {
            return false
        }
    }

    /// Runs `body` while holding the gate, so `close()` cannot close a connection under it.
    func whileOpen<T>(_ body: () throws -> T) throws(StoreError) -> T {
        try gate.whileOpen(body)
    }

    // MARK: - Transactions with mapped errors

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try gate.enter()
        defer { gate.leave() }
        do {
            let result = try pool.write(body)
            lastWriteHitFullDisk.withLock { $0 = false }
            return result
        } catch {
            let mapped = AppDatabase.map(error)
            if case .diskFull = mapped { lastWriteHitFullDisk.withLock { $0 = true } }
            throw mapped
        }
    }

    /// `StoreError.diskFull` when the last write failed for lack of space (none has succeeded since), else nil.
    public var storageProblem: StoreError? { lastWriteHitFullDisk.withLock { $0 } ? .diskFull : nil }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try whileOpen { try pool.read(body) }
    }

    /// The single place SQLite errors become `StoreError`.
    static func map(_ error: any Error) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_FULL: return .diskFull
            case .SQLITE_CONSTRAINT: return .constraintViolated(e.message ?? "constraint")
            default: return .io(e.message ?? "\(e.resultCode)")
            }
        }
        return .io("\(error)")
    }

    // MARK: - Time encoding (unix milliseconds)

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
    static func ms(_ d: Date?) -> Int64? { d.map { ms($0) } }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    static func date(_ ms: Int64?) -> Date? { ms.map { date($0) } }

    // MARK: - Channels

    public static let notInConfigurationReason = "not in configuration"

    /// Upserts the declared channels, creates default settings for new ones, keeps the runtime settings of
    /// existing ones, and marks channels no longer declared inactive (never deletes their data).
    public func registerChannels(_ channels: [Channel], now: Date = Date()) throws(StoreError) {
        try write { db in
            let nowMs = AppDatabase.ms(now)
            for c in channels {
                try db.execute(
                    sql: """
                        INSERT INTO channel (name, marketplace, seller_id, declared, declared_at)
                        VALUES (?, ?, ?, 1, ?)
                        ON CONFLICT(name) DO UPDATE SET marketplace = excluded.marketplace,
                            seller_id = excluded.seller_id, declared = 1
                        """,
                    arguments: [c.name.rawValue, c.marketplace.rawValue, c.sellerId, nowMs])
                try db.execute(
                    sql: "INSERT INTO channel_setting (channel) VALUES (?) ON CONFLICT(channel) DO NOTHING",
                    arguments: [c.name.rawValue])
                // A channel declared again leaves the inactive state it got for being undeclared.
                try db.execute(
                    sql: """
                        UPDATE channel_setting SET state = 'idle', inactive_reason = NULL
                        WHERE channel = ? AND state = 'inactive' AND inactive_reason = ?
                        """,
                    arguments: [c.name.rawValue, AppDatabase.notInConfigurationReason])
            }
            let names = channels.map(\.name.rawValue)
            let all = try String.fetchAll(db, sql: "SELECT name FROM channel")
            for gone in all where !names.contains(gone) {
                try db.execute(sql: "UPDATE channel SET declared = 0 WHERE name = ?", arguments: [gone])
                try db.execute(
                    sql: "UPDATE channel_setting SET state = 'inactive', inactive_reason = ? WHERE channel = ?",
                    arguments: [AppDatabase.notInConfigurationReason, gone])
            }
        }
    }

    private func updateSetting(_ channel: ChannelName, _ sql: String, _ args: StatementArguments) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE channel_setting SET \(sql) WHERE channel = ?", arguments: args + [channel.rawValue])
            if db.changesCount == 0 { throw StoreError.noSuchChannel(channel.rawValue) }
        }
    }

    public func setEnabled(channel: ChannelName, _ enabled: Bool) throws(StoreError) {
        try updateSetting(channel, "enabled = ?", [enabled])
    }

    public func setSyncInterval(channel: ChannelName, _ interval: SyncInterval) throws(StoreError) {
        try updateSetting(channel, "sync_interval_minutes = ?", [interval.minutes])
    }

    /// Sets stock sync and its source: an FBA warehouse or a mapped warehouse, never both (R24).
    public func setStockSync(
        channel: ChannelName, active: Bool, fbaWarehouse: String?, mappedWarehouse: String?
    ) throws(StoreError) {
        try updateSetting(
            channel, "stock_sync_active = ?, fba_warehouse = ?, mapped_warehouse = ?",
            [active, fbaWarehouse, mappedWarehouse])
    }

    public func setChannelState(channel: ChannelName, state: ChannelState, reason: String?) throws(StoreError) {
        try updateSetting(channel, "state = ?, inactive_reason = ?", [state.rawValue, reason])
    }

    public func recordSyncTimes(channel: ChannelName, last: Date?, next: Date?) throws(StoreError) {
        try updateSetting(channel, "last_sync_at = ?, next_sync_at = ?", [AppDatabase.ms(last), AppDatabase.ms(next)])
    }

    public func setOrderSyncMode(_ mode: OrderSyncMode) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO global_setting (key, value) VALUES ('order_sync_mode', ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value
                    """,
                arguments: [mode.rawValue])
        }
    }

    public func orderSyncMode() throws(StoreError) -> OrderSyncMode {
        try read { db in
            let raw = try String.fetchOne(db, sql: "SELECT value FROM global_setting WHERE key = 'order_sync_mode'")
            return raw.flatMap(OrderSyncMode.init(rawValue:)) ?? .confirmed
        }
    }

    /// The columns `decodeChannel` reads, from `channelFrom`.
    static let channelColumns = """
        c.name, c.marketplace, c.seller_id, s.enabled, s.sync_interval_minutes, s.stock_sync_active,
               s.fba_warehouse, s.mapped_warehouse, s.state, s.inactive_reason, s.last_sync_at, s.next_sync_at
        """
    static let channelFrom = "FROM channel c JOIN channel_setting s ON s.channel = c.name"
    static let channelSelect = "SELECT \(channelColumns) \(channelFrom)"

    static func decodeChannel(_ row: Row) throws -> (Channel, ChannelSettings) {
        let name: String = row[0]
        let mp: String = row[1]
        guard let marketplace = Marketplace(code: mp) else { throw StoreError.io("bad marketplace \(mp) stored") }
        let channel = Channel(name: try ChannelName(name), marketplace: marketplace, sellerId: row[2])
        let settings = ChannelSettings(
            enabled: row[3], syncInterval: try SyncInterval(minutes: row[4]), stockSyncActive: row[5],
            fbaWarehouse: row[6], mappedWarehouse: row[7],
            state: ChannelState(rawValue: row[8]) ?? .error, inactiveReason: row[9],
            lastSyncAt: date(row[10] as Int64?), nextSyncAt: date(row[11] as Int64?))
        return (channel, settings)
    }

    /// All channels known to the store, declared or not, by name.
    public func channels() throws(StoreError) -> [(Channel, ChannelSettings)] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: AppDatabase.channelSelect + " ORDER BY c.name")).map(AppDatabase.decodeChannel)
        }
    }

    public func channel(named name: ChannelName) throws(StoreError) -> (Channel, ChannelSettings)? {
        try read { db in
            try Row.fetchOne(db, sql: AppDatabase.channelSelect + " WHERE c.name = ?", arguments: [name.rawValue])
                .map(AppDatabase.decodeChannel)
        }
    }

    // MARK: - Tasks

    public func startTask(
        channel: ChannelName, module: SyncModule, trigger: SyncTrigger, timeframe: DateInterval? = nil,
        resyncOf: SyncTask.ID? = nil, now: Date
    ) throws(StoreError) -> SyncTask.ID {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM channel WHERE name = ?", arguments: [channel.rawValue]) != nil
            else { throw StoreError.noSuchChannel(channel.rawValue) }
            if let resyncOf,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_task WHERE id = ?", arguments: [resyncOf]) == nil
            {
                throw StoreError.noSuchTask(resyncOf)
            }
            try db.execute(
                sql: """
                    INSERT INTO sync_task (channel, module, trigger, status, started_at, timeframe_from, timeframe_to,
                                           resync_of)
                    VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
                    """,
                arguments: [
                    channel.rawValue, module.rawValue, trigger.rawValue, AppDatabase.ms(now),
                    AppDatabase.ms(timeframe?.start), AppDatabase.ms(timeframe?.end), resyncOf,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Adds record outcomes to a running task and bumps its counts; a record reported again replaces
    /// its earlier outcome.
    public func addRecords(task: SyncTask.ID, _ records: [TaskRecord]) throws(StoreError) {
        try write { db in
            try AppDatabase.requireRunning(db, task: task)
            try AppDatabase.insertRecords(db, task: task, records)
        }
    }

    /// Writes record outcomes and recounts, inside the caller's transaction; the task must be running.
    static func insertRecords(_ db: Database, task: SyncTask.ID, _ records: [TaskRecord]) throws {
        // A few multi-row INSERTs (`MultiRowInsert.batchSizes` rows each) instead of one execution per record: a sync
        // reports a record per order, and each execution of a one-row INSERT paid SQLite's statement start and end
        // again (issue 6). New records bump the counts. A record reported again (in an earlier page, or twice in one
        // execution) makes its execution write every outcome of its rows over what is stored, in order, and the task
        // recount, which reads every record of the task: done for every page, that was quadratic in a long sync.
        let replace = try db.cachedStatement(
            sql: "UPDATE task_record SET outcome = ?, reason = ? WHERE task = ? AND kind = ? AND record_id = ?")
        var synced = 0, failed = 0, replaced = false
        var statements = MultiRowInsert.Statements()
        try recordInsert.run(db, records, statements: &statements) { r in
            (task, r.recordId, r.kind, r.outcome.rawValue, r.reason)
        } afterEach: { rows in
            if db.changesCount == rows.count {
                for r in rows {
                    if r.outcome == .synced { synced += 1 } else if r.outcome == .failed { failed += 1 }
                }
            } else {
                for r in rows { try replace.execute(arguments: [r.outcome.rawValue, r.reason, task, r.kind, r.recordId]) }
                replaced = true
            }
        }
        if replaced {
            try AppDatabase.recount(db, task)
        } else if synced > 0 || failed > 0 {
            try db.cachedStatement(sql: "UPDATE sync_task SET synced = synced + ?, failed = failed + ? WHERE id = ?")
                .execute(arguments: [synced, failed, task])
        }
    }

    private static let recordInsert = MultiRowInsert(
        into: "task_record (task, record_id, kind, outcome, reason)", row: "(?, ?, ?, ?, ?)",
        suffix: " ON CONFLICT(task, kind, record_id) DO NOTHING")

    /// Refuses records for a missing or finished task.
    static func requireRunning(_ db: Database, task: SyncTask.ID) throws {
        guard let status = try String.fetchOne(db, sql: "SELECT status FROM sync_task WHERE id = ?", arguments: [task])
        else { throw StoreError.noSuchTask(task) }
        guard status == "running" else { throw StoreError.constraintViolated("task \(task) is already finished") }
    }

    private static func recount(_ db: Database, _ task: SyncTask.ID) throws {
        try db.execute(
            sql: """
                UPDATE sync_task SET
                    synced = (SELECT count(*) FROM task_record WHERE task = ?1 AND outcome = 'synced'),
                    failed = (SELECT count(*) FROM task_record WHERE task = ?1 AND outcome = 'failed')
                WHERE id = ?1
                """,
            arguments: [task])
    }

    /// Ends every task still `running` as `failed`, with a record saying it was interrupted: called at start-up,
    /// when no sync can be running, so tasks of a process that was killed do not stay "running" in the history.
    /// Their records are kept; the cursors never moved past what was stored, so the next sync fetches the rest.
    @discardableResult
    public func failInterruptedTasks(now: Date) throws(StoreError) -> Int {
        try write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM sync_task WHERE status = 'running'")
            for id in ids {
                try db.execute(
                    sql: """
                        INSERT INTO task_record (task, record_id, kind, outcome, reason)
                        VALUES (?, 'run', 'run', 'failed', 'interrupted: the daemon stopped before the task ended')
                        ON CONFLICT (task, kind, record_id) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason
                        """,
                    arguments: [id])
                try db.execute(
                    sql: """
                        UPDATE sync_task SET status = 'failed', ended_at = ?2,
                            failed = (SELECT count(*) FROM task_record WHERE task = ?1 AND outcome = 'failed')
                        WHERE id = ?1
                        """,
                    arguments: [id, AppDatabase.ms(now)])
            }
            return ids.count
        }
    }

    /// Ends a running task; its status follows from its counts, or is `failed` when the run was `aborted`
    /// (cut short: part of what it should have fetched was never seen, whatever its records say).
    @discardableResult
    public func finishTask(_ id: SyncTask.ID, now: Date, aborted: Bool = false) throws(StoreError) -> TaskStatus {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT synced, failed, status FROM sync_task WHERE id = ?", arguments: [id])
            else { throw StoreError.noSuchTask(id) }
            guard (row[2] as String) == "running" else {
                throw StoreError.constraintViolated("task \(id) is already finished")
            }
            let status = aborted ? TaskStatus.failed : TaskStatus.finished(synced: row[0], failed: row[1])
            try db.execute(
                sql: "UPDATE sync_task SET status = ?, ended_at = ? WHERE id = ?",
                arguments: [status.rawValue, AppDatabase.ms(now), id])
            return status
        }
    }

    private static let taskSelect = """
        SELECT id, channel, module, trigger, status, started_at, ended_at, synced, failed, timeframe_from,
               timeframe_to, resync_of FROM sync_task
        """

    private static func decodeTask(_ row: Row) throws -> SyncTask {
        let from: Int64? = row[9]
        let to: Int64? = row[10]
        var timeframe: DateInterval?
        if let from, let to, to >= from { timeframe = DateInterval(start: date(from), end: date(to)) }
        return SyncTask(
            id: row[0], channel: try ChannelName(row[1] as String),
            module: SyncModule(rawValue: row[2]) ?? .items, trigger: SyncTrigger(rawValue: row[3]) ?? .manual,
            status: TaskStatus(rawValue: row[4]) ?? .failed, startedAt: date(row[5] as Int64),
            endedAt: date(row[6] as Int64?), synced: row[7], failed: row[8], timeframe: timeframe, resyncOf: row[11])
    }

    /// Tasks, newest first, optionally for one channel and/or status.
    public func tasks(channel: ChannelName? = nil, status: TaskStatus? = nil, limit: Int = 100) throws(StoreError)
        -> [SyncTask]
    {
        try read { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let channel {
                clauses.append("channel = ?")
                args += [channel.rawValue]
            }
            if let status {
                clauses.append("status = ?")
                args += [status.rawValue]
            }
            let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            args += [limit]
            return try Row.fetchAll(
                db, sql: AppDatabase.taskSelect + whereSQL + " ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: args
            ).map(AppDatabase.decodeTask)
        }
    }

    public func task(id: SyncTask.ID) throws(StoreError) -> (SyncTask, [TaskRecord])? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: AppDatabase.taskSelect + " WHERE id = ?", arguments: [id])
            else { return nil }
            let records = try Row.fetchAll(
                db, sql: "SELECT record_id, kind, outcome, reason FROM task_record WHERE task = ? ORDER BY rowid",
                arguments: [id]
            ).map { r in
                TaskRecord(recordId: r[0], kind: r[1], outcome: RecordOutcome(rawValue: r[2]) ?? .failed, reason: r[3])
            }
            return (try AppDatabase.decodeTask(row), records)
        }
    }

    /// Deletes at most `batchSize` expired finished tasks (records cascade) in one short transaction (R12):
    /// succeeded tasks ended before `succeeded`, failed and partial ones ended before `failedBefore`.
    /// Returns how many tasks were deleted; call again until it returns less than `batchSize`.
    public func deleteExpiredHistory(before succeeded: Date, failedBefore: Date, batchSize: Int) throws(StoreError)
        -> Int
    {
        try write { db in
            try db.execute(
                sql: """
                    DELETE FROM sync_task WHERE id IN (
                        SELECT id FROM sync_task WHERE status = 'succeeded' AND ended_at < ?1
                        UNION ALL
                        SELECT id FROM sync_task WHERE status IN ('failed','partial') AND ended_at < ?2
                        LIMIT ?3)
                    """,
                arguments: [AppDatabase.ms(succeeded), AppDatabase.ms(failedBefore), batchSize])
            return db.changesCount
        }
    }

    // MARK: - Retry queue (R11)

    /// Puts a record in the retry queue, or updates its due time and error if it is already queued.
    @discardableResult
    public func enqueueRetry(
        channel: ChannelName, module: SyncModule, kind: String, recordId: String, nextAttemptAt: Date,
        lastError: String?, task: SyncTask.ID?, now: Date
    ) throws(StoreError) -> RetryEntry.ID {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM channel WHERE name = ?", arguments: [channel.rawValue]) != nil
            else { throw StoreError.noSuchChannel(channel.rawValue) }
            try db.execute(
                sql: """
                    INSERT INTO retry (channel, module, kind, record_id, attempts, next_attempt_at, last_error,
                                       created_at, task)
                    VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                    ON CONFLICT(channel, kind, record_id) DO UPDATE SET next_attempt_at = excluded.next_attempt_at,
                        last_error = excluded.last_error, task = excluded.task
                    """,
                arguments: [
                    channel.rawValue, module.rawValue, kind, recordId, AppDatabase.ms(nextAttemptAt), lastError,
                    AppDatabase.ms(now), task,
                ])
            return try Int64.fetchOne(
                db, sql: "SELECT id FROM retry WHERE channel = ? AND kind = ? AND record_id = ?",
                arguments: [channel.rawValue, kind, recordId])!
        }
    }

    private static let retrySelect = """
        SELECT id, channel, module, kind, record_id, attempts, next_attempt_at, last_error, created_at, task FROM retry
        """

    private static func decodeRetry(_ r: Row) throws -> RetryEntry {
        RetryEntry(
            id: r[0], channel: try ChannelName(r[1] as String), module: SyncModule(rawValue: r[2]) ?? .items,
            kind: r[3], recordId: r[4], attempts: r[5], nextAttemptAt: date(r[6] as Int64), lastError: r[7],
            createdAt: date(r[8] as Int64), task: r[9])
    }

    /// Entries due at `now`, earliest first.
    public func dueRetries(now: Date, limit: Int) throws(StoreError) -> [RetryEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: AppDatabase.retrySelect + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                arguments: [AppDatabase.ms(now), limit]
            ).map(AppDatabase.decodeRetry)
        }
    }

    /// Records one more failed attempt and the next due time.
    public func rescheduleRetry(_ id: RetryEntry.ID, attempts: Int, nextAttemptAt: Date, lastError: String?)
        throws(StoreError)
    {
        try write { db in
            try db.execute(
                sql: "UPDATE retry SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [attempts, AppDatabase.ms(nextAttemptAt), lastError, id])
            if db.changesCount == 0 { throw StoreError.io("no retry entry \(id)") }
        }
    }

    public func removeRetry(_ id: RetryEntry.ID) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM retry WHERE id = ?", arguments: [id]) }
    }

    public func retries(channel: ChannelName) throws(StoreError) -> [RetryEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: AppDatabase.retrySelect + " WHERE channel = ? ORDER BY next_attempt_at, id",
                arguments: [channel.rawValue]
            ).map(AppDatabase.decodeRetry)
        }
    }

    public func pendingRetryCount(channel: ChannelName) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM retry WHERE channel = ?", arguments: [channel.rawValue]) ?? 0
        }
    }

    // MARK: - Introspection for tests and diagnostics

    /// The value of a PRAGMA (e.g. "journal_mode", "foreign_keys") on a reader connection.
    public func pragma(_ name: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs raw SQL in one write transaction; for tests that check constraints directly.
    public func executeForTesting(_ sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }

    /// The number of rows in a table; for tests and diagnostics.
    public func rowCount(table: String) throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0 }
    }

    /// Names of the tables in the schema.
    public func tableNames() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
    }
}
