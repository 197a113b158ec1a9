extension Schema {
    /// Migration v5-stock-level (issue 6, ingest): the stock figures stop being sums over indexes that every order
    /// line writes at a random place.
    ///
    /// - `stock_level` holds each item's ledger sum per warehouse. The ledger (`stock_movement`) stays the record:
    ///   the table is filled from it here, and from then on only the trigger `stock_movement_level` writes it, in the
    ///   transaction that appends the movement (the ledger is append-only, so an insert is its only change). A balance
    ///   is one b-tree probe however long the ledger grows, where `sum(delta)` read every movement of the item.
    /// - `stock_movement_balance` (item, warehouse, delta) served only those sums: dropped.
    /// - `sales_order_line_by_item` served only the units committed to open orders, which are now found from the
    ///   open orders (the partial index `sales_order_open`): a bounded set, where the index grew with every line.
    ///
    /// Both dropped indexes were keyed by item, so each page of orders wrote into pages all over them: on a store
    /// of 6,000 orders they were a third of the log pages a page of 100 orders wrote, and with a larger store that
    /// share grows (up to two log pages per order line).
    ///
    /// `stock_level` has no foreign keys: its rows come from movements, whose item and warehouse are checked, and
    /// neither items nor warehouses are ever deleted.
    static let stockLevel = """
        CREATE TABLE stock_level (
            item INTEGER NOT NULL,
            warehouse INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            PRIMARY KEY (item, warehouse)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO stock_level (item, warehouse, quantity)
            SELECT item, warehouse, sum(delta) FROM stock_movement GROUP BY item, warehouse;
        CREATE TRIGGER stock_movement_level AFTER INSERT ON stock_movement
            BEGIN
                INSERT INTO stock_level (item, warehouse, quantity) VALUES (NEW.item, NEW.warehouse, NEW.delta)
                ON CONFLICT (item, warehouse) DO UPDATE SET quantity = quantity + excluded.quantity;
            END;
        DROP INDEX stock_movement_balance;
        DROP INDEX sales_order_line_by_item;
        """
}
