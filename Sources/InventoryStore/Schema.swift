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

    /// v2: the inventory domain — warehouses, items, listings, the stock ledger, sales orders, contacts, the
    /// PII vault, the order cursor and the stock outbox.
    static let v2 = """
        CREATE TABLE warehouse (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 128),
            is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0,1)),
            kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular','fba')),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX warehouse_one_primary ON warehouse(is_primary) WHERE is_primary = 1;
        CREATE TABLE item (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 200),
            name TEXT NOT NULL,
            confirmed INTEGER NOT NULL CHECK (confirmed IN (0,1)),
            fulfillment TEXT NOT NULL DEFAULT 'mfn' CHECK (fulfillment IN ('mfn','fba')),
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX item_unconfirmed ON item(confirmed) WHERE confirmed = 0;
        CREATE TABLE listing (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            sku TEXT NOT NULL CHECK (length(sku) BETWEEN 1 AND 200),
            asin TEXT,
            fulfillment TEXT NOT NULL CHECK (fulfillment IN ('mfn','fba')),
            item INTEGER REFERENCES item(id) ON DELETE SET NULL,
            confirmed INTEGER NOT NULL CHECK (confirmed IN (0,1)),
            variation_family TEXT,
            variation_attributes TEXT NOT NULL DEFAULT '[]',
            amazon_quantity INTEGER CHECK (amazon_quantity >= 0),
            pushed_quantity INTEGER CHECK (pushed_quantity >= 0),
            updated_at INTEGER NOT NULL,
            UNIQUE (channel, sku),
            CHECK (NOT (confirmed = 1 AND item IS NULL))
        ) STRICT;
        CREATE INDEX listing_by_item ON listing(item);
        CREATE INDEX listing_unconfirmed ON listing(confirmed) WHERE confirmed = 0;
        CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            match_digest BLOB NOT NULL UNIQUE CHECK (length(match_digest) = 32),
            created_at INTEGER NOT NULL,
            last_order_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE pii_vault (
            id INTEGER PRIMARY KEY,
            sealed BLOB NOT NULL CHECK (length(sealed) > 28),
            purge_after INTEGER,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX pii_vault_due ON pii_vault(purge_after) WHERE purge_after IS NOT NULL;
        CREATE TABLE sales_order (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            amazon_order_id TEXT NOT NULL CHECK (length(amazon_order_id) BETWEEN 1 AND 64),
            status TEXT NOT NULL CHECK (status IN ('pendingAvailability','pending','unshipped','partiallyShipped',
                'shipped','cancelled','unfulfillable')),
            fulfillment_channel TEXT NOT NULL CHECK (fulfillment_channel IN ('AFN','MFN')),
            customer_name TEXT NOT NULL,
            force_fulfilled INTEGER NOT NULL CHECK (force_fulfilled IN (0,1)),
            warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            purchased_at INTEGER NOT NULL,
            last_updated_at INTEGER NOT NULL,
            fulfilled_at INTEGER,
            comments TEXT NOT NULL,
            pii_state TEXT NOT NULL CHECK (pii_state IN ('present','purged','none')),
            vault INTEGER UNIQUE REFERENCES pii_vault(id) ON DELETE SET NULL,
            contact INTEGER REFERENCES contact(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (channel, amazon_order_id),
            CHECK ((pii_state = 'present') = (vault IS NOT NULL)),
            CHECK (force_fulfilled = 0 OR fulfillment_channel = 'AFN')
        ) STRICT;
        CREATE INDEX sales_order_by_status ON sales_order(channel, status, purchased_at);
        CREATE INDEX sales_order_by_amazon_id ON sales_order(amazon_order_id);
        CREATE INDEX sales_order_by_contact ON sales_order(contact);
        CREATE INDEX sales_order_open ON sales_order(warehouse, status)
            WHERE status IN ('unshipped','partiallyShipped') AND force_fulfilled = 0;
        CREATE TABLE sales_order_line (
            id INTEGER PRIMARY KEY,
            sales_order INTEGER NOT NULL REFERENCES sales_order(id) ON DELETE CASCADE,
            line_id TEXT NOT NULL CHECK (length(line_id) >= 1),
            sku TEXT NOT NULL CHECK (length(sku) >= 1),
            asin TEXT,
            item INTEGER REFERENCES item(id) ON DELETE SET NULL,
            quantity INTEGER NOT NULL CHECK (quantity >= 0),
            quantity_shipped INTEGER NOT NULL CHECK (quantity_shipped >= 0),
            unit_price TEXT,
            currency TEXT,
            UNIQUE (sales_order, line_id),
            CHECK ((unit_price IS NULL) = (currency IS NULL))
        ) STRICT;
        CREATE INDEX sales_order_line_by_item ON sales_order_line(item);
        CREATE TABLE stock_movement (
            id INTEGER PRIMARY KEY,
            item INTEGER NOT NULL REFERENCES item(id),
            warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            delta INTEGER NOT NULL CHECK (delta <> 0),
            kind TEXT NOT NULL
                CHECK (kind IN ('order','cancellation','adjustment','transfer','shipment','initial')),
            order_line INTEGER REFERENCES sales_order_line(id),
            reference TEXT,
            reason TEXT,
            at INTEGER NOT NULL,
            CHECK ((kind IN ('order','cancellation')) = (order_line IS NOT NULL))
        ) STRICT;
        CREATE INDEX stock_movement_balance ON stock_movement(item, warehouse, delta);
        CREATE INDEX stock_movement_by_line ON stock_movement(order_line) WHERE order_line IS NOT NULL;
        -- The ledger is append-only: corrections are new movements.
        CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement
            BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;
        CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement
            BEGIN SELECT RAISE(ABORT, 'stock_movement is append-only'); END;
        CREATE TABLE order_cursor (
            channel TEXT PRIMARY KEY NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            last_updated_before INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE stock_outbox (
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            sku TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            enqueued_at INTEGER NOT NULL,
            PRIMARY KEY (channel, sku)
        ) STRICT;
        CREATE INDEX stock_outbox_by_time ON stock_outbox(enqueued_at);
        """
}
