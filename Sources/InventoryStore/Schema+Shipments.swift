/// v3-ship: shipments of Amazon MFN orders with their confirmation outbox (R21), local sales orders, and
/// outbound Multi-Channel Fulfilment shipments (R28).
extension Schema {
    static let shipments = """
        CREATE TABLE shipment (
            id INTEGER PRIMARY KEY,
            sales_order INTEGER NOT NULL REFERENCES sales_order(id) ON DELETE CASCADE,
            package_reference INTEGER NOT NULL CHECK (package_reference >= 1),
            carrier TEXT NOT NULL CHECK (length(carrier) BETWEEN 1 AND 100),
            tracking_number TEXT NOT NULL CHECK (length(tracking_number) BETWEEN 1 AND 100),
            shipped_at INTEGER NOT NULL,
            -- The confirmation outbox (decision 5): 'pending' rows are sent to Amazon by the confirmer.
            confirmation TEXT NOT NULL CHECK (confirmation IN ('pending','confirmed','failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at INTEGER,
            last_error TEXT,
            confirmed_at INTEGER,
            UNIQUE (sales_order, package_reference),
            CHECK ((confirmation = 'pending') = (next_attempt_at IS NOT NULL)),
            CHECK ((confirmation = 'confirmed') = (confirmed_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX shipment_confirmation_due ON shipment(next_attempt_at) WHERE confirmation = 'pending';
        CREATE TABLE shipment_line (
            shipment INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
            order_line INTEGER NOT NULL REFERENCES sales_order_line(id) ON DELETE CASCADE,
            quantity INTEGER NOT NULL CHECK (quantity >= 1),
            PRIMARY KEY (shipment, order_line)
        ) STRICT;
        CREATE INDEX shipment_line_by_line ON shipment_line(order_line);
        -- An order page fetched before Amazon has our confirmation must not undo a shipment made here.
        CREATE TRIGGER sales_order_line_keeps_shipments AFTER UPDATE OF quantity_shipped ON sales_order_line
            WHEN NEW.quantity_shipped < (SELECT coalesce(sum(quantity), 0) FROM shipment_line WHERE order_line = NEW.id)
            BEGIN
                UPDATE sales_order_line
                SET quantity_shipped = (SELECT sum(quantity) FROM shipment_line WHERE order_line = NEW.id)
                WHERE id = NEW.id;
            END;
        CREATE TRIGGER sales_order_keeps_shipments AFTER UPDATE OF status ON sales_order
            WHEN NEW.status = 'unshipped' AND EXISTS (SELECT 1 FROM shipment WHERE sales_order = NEW.id)
            BEGIN
                UPDATE sales_order SET status = CASE
                    WHEN EXISTS (SELECT 1 FROM sales_order_line l WHERE l.sales_order = NEW.id
                                 AND l.quantity_shipped < l.quantity) THEN 'partiallyShipped'
                    ELSE 'shipped' END
                WHERE id = NEW.id;
            END;
        CREATE TABLE local_order (
            id INTEGER PRIMARY KEY,
            customer_name TEXT NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 200),
            warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            -- The destination address is personal data: sealed in the vault (R30), never stored in clear.
            vault INTEGER UNIQUE REFERENCES pii_vault(id) ON DELETE SET NULL,
            has_destination INTEGER NOT NULL CHECK (has_destination IN (0,1)),
            created_at INTEGER NOT NULL,
            CHECK (vault IS NULL OR has_destination = 1)
        ) STRICT;
        CREATE TABLE local_order_line (
            id INTEGER PRIMARY KEY,
            local_order INTEGER NOT NULL REFERENCES local_order(id) ON DELETE CASCADE,
            line_no INTEGER NOT NULL CHECK (line_no >= 1),
            item INTEGER NOT NULL REFERENCES item(id),
            quantity INTEGER NOT NULL CHECK (quantity >= 1),
            unit_price TEXT,
            currency TEXT,
            -- Who ships the line, fixed when the order is made: 'fba' lines go out by MCF (R28).
            fulfillment TEXT NOT NULL CHECK (fulfillment IN ('mfn','fba')),
            UNIQUE (local_order, line_no),
            CHECK ((unit_price IS NULL) = (currency IS NULL))
        ) STRICT;
        CREATE TABLE outbound_shipment (
            id INTEGER PRIMARY KEY,
            local_order INTEGER NOT NULL UNIQUE REFERENCES local_order(id) ON DELETE CASCADE,
            channel TEXT NOT NULL REFERENCES channel(name),
            seller_fulfillment_order_id TEXT NOT NULL UNIQUE
                CHECK (length(seller_fulfillment_order_id) BETWEEN 1 AND 40),
            warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            -- 'requested' rows are the MCF outbox (decision 5); Amazon's own status is kept as it says it.
            request TEXT NOT NULL CHECK (request IN ('requested','accepted','refused')),
            amazon_status TEXT,
            status_updated_at INTEGER,
            carrier TEXT,
            tracking_number TEXT,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at INTEGER,
            last_error TEXT,
            -- Set in the transaction that takes the shipped units out of the FBA warehouse: exactly once.
            stock_moved_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            CHECK ((request = 'requested') = (next_attempt_at IS NOT NULL)),
            CHECK (stock_moved_at IS NULL OR request = 'accepted')
        ) STRICT;
        CREATE INDEX outbound_shipment_open ON outbound_shipment(channel, request) WHERE stock_moved_at IS NULL;
        """
}
