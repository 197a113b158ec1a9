extension Schema {
    /// Local order drafts cloned from sales orders (R32): by construction they have no column that could hold
    /// buyer data, no vault reference and no Amazon order id, and they take no stock (no ledger movement points
    /// at them). `cloned_from` is local bookkeeping only and is cleared if the source order goes.
    static let privacy = """
        CREATE TABLE order_draft (
            id INTEGER PRIMARY KEY,
            cloned_from INTEGER REFERENCES sales_order(id) ON DELETE SET NULL,
            customer_name TEXT NOT NULL CHECK (length(customer_name) >= 1),
            warehouse INTEGER NOT NULL REFERENCES warehouse(id),
            comments TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE order_draft_line (
            id INTEGER PRIMARY KEY,
            draft INTEGER NOT NULL REFERENCES order_draft(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 1),
            sku TEXT NOT NULL CHECK (length(sku) >= 1),
            asin TEXT,
            item INTEGER REFERENCES item(id) ON DELETE SET NULL,
            quantity INTEGER NOT NULL CHECK (quantity >= 0),
            unit_price TEXT,
            currency TEXT,
            UNIQUE (draft, position),
            CHECK ((unit_price IS NULL) = (currency IS NULL))
        ) STRICT;
        CREATE INDEX order_draft_line_by_item ON order_draft_line(item);
        """
}
