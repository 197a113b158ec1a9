/// How an initial sync (R5) or a timeframe (R8) fetches its orders: the `order_backfill` configuration key.
public enum OrderBackfillPath: String, Sendable, Hashable, CaseIterable {
    /// The order report when `OrderBackfillThreshold` says searchOrders would take longer, else searchOrders.
    case auto
    /// Always the order report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL), searchOrders only as the fallback.
    case report
    /// Always searchOrders, as before the order report existed.
    case search
}
