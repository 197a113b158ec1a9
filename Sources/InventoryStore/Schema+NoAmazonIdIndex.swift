extension Schema {
    /// Migration v4-no-amazon-id-index: drops `sales_order_by_amazon_id`, an index entry written with every order
    /// (issue 6's ingest) that duplicates the unique key `(channel, amazon_order_id)` for the three look-ups by Amazon
    /// order id alone (GetOrder without a channel, shipments, outbound shipments). Those now name the channels
    /// (`channel IN (SELECT name FROM channel)`), so SQLite searches the unique key once per channel: a handful of
    /// channels, one b-tree probe each, instead of one more b-tree written per order.
    static let noAmazonIdIndex = "DROP INDEX sales_order_by_amazon_id;"
}
