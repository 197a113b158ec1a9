/// A stored order line as the ingest matches incoming lines against it: its row id, order item id and SKU.
struct StoredLine {
    let id: Int64
    var lineId: String
    var sku: String
}
