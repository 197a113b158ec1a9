extension Schema {
    /// v3-fba: inbound shipments (R29). One row per (channel, shipment, SKU), holding the ids of the stock movements it
    /// caused, so each leg of the transfer is recorded exactly once whatever cycles, retries or restarts happen.
    /// Amazon's FBA figure per listing lives in v2's `listing.amazon_quantity` (written by the FBA refresh, R26).
    static let fba = """
        CREATE TABLE inbound_shipment_line (
            channel TEXT NOT NULL REFERENCES channel(name) ON DELETE CASCADE,
            shipment_id TEXT NOT NULL CHECK (length(shipment_id) BETWEEN 1 AND 64),
            sku TEXT NOT NULL CHECK (length(sku) BETWEEN 1 AND 200),
            inbound_plan_id TEXT NOT NULL CHECK (length(inbound_plan_id) BETWEEN 1 AND 64),
            status TEXT NOT NULL CHECK (length(status) BETWEEN 1 AND 32),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            item INTEGER REFERENCES item(id) ON DELETE SET NULL,
            source_warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            fba_warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            moved_quantity INTEGER CHECK (moved_quantity > 0),
            shipped_movement INTEGER UNIQUE REFERENCES stock_movement(id),
            received_movement INTEGER UNIQUE REFERENCES stock_movement(id),
            returned_movement INTEGER UNIQUE REFERENCES stock_movement(id),
            first_seen_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (channel, shipment_id, sku),
            CHECK (source_warehouse <> fba_warehouse),
            CHECK ((shipped_movement IS NULL) = (moved_quantity IS NULL)),
            CHECK (received_movement IS NULL OR shipped_movement IS NOT NULL),
            CHECK (returned_movement IS NULL OR (shipped_movement IS NOT NULL AND received_movement IS NULL))
        ) STRICT;
        CREATE INDEX inbound_shipment_line_by_item ON inbound_shipment_line(item);
        """
}
