import GRDB

/// The frozen schema migrations. A released migration never changes: add a new one instead.
enum Migrations {
    /// v1: channels and their runtime settings, sync history (tasks and records), the retry queue.
    /// Times are integer milliseconds since the Unix epoch, UTC.
    static let v1 = """
        CREATE TABLE channel (
            name         TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
            marketplace  TEXT NOT NULL CHECK (marketplace IN ('US', 'UK', 'IN')),
            seller_id    TEXT NOT NULL CHECK (length(seller_id) > 0),
            declared     INTEGER NOT NULL DEFAULT 1 CHECK (declared IN (0, 1)),
            created_at   INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE channel_setting (
            channel               TEXT PRIMARY KEY NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            enabled               INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            sync_interval_minutes INTEGER NOT NULL DEFAULT 240
                                  CHECK (sync_interval_minutes IN (30, 60, 90, 120, 150, 180, 210, 240)),
            stock_sync_active     INTEGER NOT NULL DEFAULT 0 CHECK (stock_sync_active IN (0, 1)),
            fba_warehouse         TEXT,
            mapped_warehouse      TEXT,
            state                 TEXT NOT NULL DEFAULT 'idle'
                                  CHECK (state IN ('idle', 'syncing', 'backingOff', 'inactive', 'error')),
            inactive_reason       TEXT,
            last_sync_at          INTEGER,
            next_sync_at          INTEGER,
            CHECK (fba_warehouse IS NULL OR mapped_warehouse IS NULL)
        ) STRICT;

        CREATE TABLE global_setting (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO global_setting (key, value) VALUES ('order_sync_mode', 'confirmed');

        CREATE TABLE sync_task (
            id          INTEGER PRIMARY KEY,
            channel     TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            module      TEXT NOT NULL CHECK (module IN ('items', 'orders')),
            trigger     TEXT NOT NULL CHECK (trigger IN ('initial', 'scheduled', 'manual', 'timeframe', 'resync', 'retry')),
            status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'partial')),
            started_at  INTEGER NOT NULL,
            ended_at    INTEGER,
            synced      INTEGER NOT NULL DEFAULT 0 CHECK (synced >= 0),
            failed      INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
            range_from  INTEGER,
            range_to    INTEGER,
            resync_of   INTEGER REFERENCES sync_task(id) ON DELETE SET NULL,
            CHECK ((status = 'running') = (ended_at IS NULL)),
            CHECK (ended_at IS NULL OR ended_at >= started_at),
            CHECK (range_from IS NULL OR range_to IS NULL OR range_from <= range_to)
        ) STRICT;
        CREATE INDEX sync_task_by_channel ON sync_task(channel, started_at);
        CREATE INDEX sync_task_by_status_end ON sync_task(status, ended_at);

        CREATE TABLE task_record (
            task       INTEGER NOT NULL REFERENCES sync_task(id) ON DELETE CASCADE,
            kind       TEXT NOT NULL CHECK (length(kind) > 0),
            record_id  TEXT NOT NULL CHECK (length(record_id) > 0),
            outcome    TEXT NOT NULL CHECK (outcome IN ('synced', 'failed', 'skipped')),
            reason     TEXT,
            PRIMARY KEY (task, kind, record_id)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE retry (
            id              INTEGER PRIMARY KEY,
            channel         TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            module          TEXT NOT NULL CHECK (module IN ('items', 'orders')),
            kind            TEXT NOT NULL CHECK (length(kind) > 0),
            record_id       TEXT NOT NULL CHECK (length(record_id) > 0),
            attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT NOT NULL,
            task            INTEGER REFERENCES sync_task(id) ON DELETE SET NULL,
            created_at      INTEGER NOT NULL,
            UNIQUE (channel, kind, record_id)
        ) STRICT;
        CREATE INDEX retry_by_due ON retry(next_attempt_at);
        """

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: v1) }
        return migrator
    }
}
