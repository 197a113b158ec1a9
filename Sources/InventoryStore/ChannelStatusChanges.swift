import GRDB
import Synchronization

/// Counts the committed transactions that changed what `channelStatuses` reads, so a copy of its rows can tell it is
/// still exact without reading the database.
///
/// It watches what the status query reads, and nothing an order page writes without changing it: channels and their
/// settings, the retry queue and shipments whole; the stock outbox only where `attempts` can change (deletes, updates
/// of `attempts` or `channel`): every order page enqueues pushes there, and an enqueued push has no attempt yet (its
/// inserts leave `attempts` at its default, 0, and the count reads `attempts > 0`); orders only when one is deleted or
/// moves to another channel (a shipment counts through its order's channel). SQLite reports the effects of
/// foreign-key actions too, so a cascade from a deleted order or channel counts. GRDB calls it on the writer
/// connection before the write returns: a call that follows a write sees the new count.
public final class ChannelStatusChanges: TransactionObserver, Sendable {
    private static let watchedTables: Set<String> = ["channel", "channel_setting", "retry", "shipment"]

    private let committed = Atomic<UInt64>(0)
    /// Whether the transaction in progress changed a watched table (the writer's thread only; atomic for Sendable).
    private let pending = Atomic<Bool>(false)

    init() {}

    /// How many committed transactions have changed a watched table so far.
    public var count: UInt64 { committed.load(ordering: .acquiring) }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if Self.watchedTables.contains(eventKind.tableName) { return true }
        switch eventKind {
        case .delete(let table): return table == "sales_order" || table == "stock_outbox"
        case .update(let table, let columns):
            return (table == "sales_order" && columns.contains("channel"))
                || (table == "stock_outbox" && (columns.contains("attempts") || columns.contains("channel")))
        case .insert: return false
        }
    }

    public func databaseDidChange() {
        pending.store(true, ordering: .relaxed)
    }

    public func databaseDidChange(with event: DatabaseEvent) {
        pending.store(true, ordering: .relaxed)
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    public func databaseDidCommit(_ db: Database) {
        if pending.exchange(false, ordering: .relaxed) { committed.add(1, ordering: .releasing) }
    }

    public func databaseDidRollback(_ db: Database) {
        pending.store(false, ordering: .relaxed)
    }
}
