extension Schema {
    /// Migration v3-push: the stock outbox remembers failed push attempts, so a rejected or failed push waits for
    /// its backoff (persisted: a restart neither forgets it nor hammers Amazon) and its last error can be shown.
    /// Columns are only added; v1's table and its rows stay as they are.
    static let push = """
        ALTER TABLE stock_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
        ALTER TABLE stock_outbox ADD COLUMN next_attempt_at INTEGER;
        ALTER TABLE stock_outbox ADD COLUMN last_error TEXT;
        CREATE INDEX stock_outbox_due ON stock_outbox(next_attempt_at);
        """
}
