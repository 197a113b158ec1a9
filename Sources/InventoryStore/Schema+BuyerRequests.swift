extension Schema {
    /// Migration v3-buyer-requests: which orders' buyer data has been asked of Amazon once (issue 7, R30).
    ///
    /// The order report carries no buyer data, so the order sync asks searchOrders for it afterwards, resumably from
    /// the store. An order Amazon answers without buyer data, or no longer lists as to ship, must not be asked again
    /// on every run: this table remembers the question. Its rows go with their order (cascade).
    static let buyerRequests = """
        CREATE TABLE order_buyer_request (
            sales_order INTEGER PRIMARY KEY REFERENCES sales_order(id) ON DELETE CASCADE,
            asked_at INTEGER NOT NULL
        ) STRICT;
        """
}
