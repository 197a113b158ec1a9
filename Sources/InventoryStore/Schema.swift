/// The frozen SQL text of each migration. Never edit a released migration: add a new one.
///
/// Times are stored as INTEGER unix milliseconds (UTC) everywhere.
enum Schema {
    static let v1 = """
        CREATE TABLE channel (
            name TEXT PRIMARY KEY NOT NULL,
            marketplace TEXT NOT NULL CHECK (marketplace IN ('US','UK','IN')),
            seller_id TEXT NOT NULL,
            declared INTEGER NOT NULL DEFAULT 1 CHECK (declared IN (0,1)),
            declared_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE channel_setting (
            channel TEXT PRIMARY KEY NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
            sync_interval_minutes INTEGER NOT NULL DEFAULT 240
                CHECK (sync_interval_minutes IN (30,60,90,120,150,180,210,240)),
            stock_sync_active INTEGER NOT NULL DEFAULT 0 CHECK (stock_sync_active IN (0,1)),
            fba_warehouse TEXT,
            mapped_warehouse TEXT,
            state TEXT NOT NULL DEFAULT 'idle'
                CHECK (state IN ('idle','syncing','backingOff','inactive','error')),
            inactive_reason TEXT,
            last_sync_at INTEGER,
            next_sync_at INTEGER,
            CHECK (NOT (fba_warehouse IS NOT NULL AND mapped_warehouse IS NOT NULL))
        ) STRICT;
        CREATE TABLE global_setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO global_setting (key, value) VALUES ('order_sync_mode', 'confirmed');
        CREATE TABLE sync_task (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            module TEXT NOT NULL CHECK (module IN ('items','orders')),
            trigger TEXT NOT NULL
                CHECK (trigger IN ('initial','scheduled','manual','timeframe','resync','retry')),
            status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','partial')),
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            synced INTEGER NOT NULL DEFAULT 0 CHECK (synced >= 0),
            failed INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
            timeframe_from INTEGER,
            timeframe_to INTEGER,
            resync_of INTEGER REFERENCES sync_task(id) ON DELETE SET NULL,
            CHECK ((status = 'running') = (ended_at IS NULL)),
            CHECK ((timeframe_from IS NULL) = (timeframe_to IS NULL))
        ) STRICT;
        CREATE INDEX sync_task_by_channel ON sync_task(channel, status, started_at);
        CREATE INDEX sync_task_by_started ON sync_task(started_at);
        CREATE INDEX sync_task_for_reaper ON sync_task(status, ended_at);
        CREATE INDEX sync_task_by_resync ON sync_task(resync_of);
        CREATE TABLE task_record (
            task INTEGER NOT NULL REFERENCES sync_task(id) ON DELETE CASCADE,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('synced','failed','skipped')),
            reason TEXT,
            UNIQUE (task, kind, record_id)
        ) STRICT;
        CREATE TABLE retry (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            module TEXT NOT NULL CHECK (module IN ('items','orders')),
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            created_at INTEGER NOT NULL,
            task INTEGER REFERENCES sync_task(id) ON DELETE SET NULL,
            UNIQUE (channel, kind, record_id)
        ) STRICT;
        CREATE INDEX retry_due ON retry(next_attempt_at);
        CREATE INDEX retry_by_task ON retry(task);
        """
}
