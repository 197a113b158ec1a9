import GRDB

/// The rows a page of orders adds to the order, line and movement tables, held until the page's loop is done and then
/// written with multi-row INSERTs: each execution of a one-row INSERT pays SQLite's statement start and end
/// (reset, program start, halt) again, about 3,800 instructions per row in issue 6's profile.
///
/// The rows carry their ids, given here as SQLite would give them (one more than the largest id in the table, read
/// once per page inside the write transaction), so a line names its order and a movement its line before either is
/// written. Orders are written before their lines and lines before their movements, so the foreign keys hold row by row.
struct PageInserts {
    struct Order {
        var id: Int64, amazonOrderId: String, status: String, fulfillmentChannel: String, forceFulfilled: Bool
        var warehouse: Int64, purchasedAt: Int64, lastUpdatedAt: Int64, fulfilledAt: Int64?, piiState: String
        var vault: Int64?, contact: Int64?
    }

    struct Line {
        var id: Int64, order: Int64, lineId: String, sku: String, asin: String?, item: Int64?, quantity: Int
        var quantityShipped: Int, unitPrice: String?, currency: String?
    }

    struct Movement {
        var item: Int64, warehouse: Int64, delta: Int, line: Int64, reference: String
    }

    private var orders: [Order] = []
    private var lines: [Line] = []
    private var movements: [Movement] = []
    private var nextOrderId: Int64?
    private var nextLineId: Int64?

    /// The id the next new order gets.
    mutating func orderId(_ db: Database) throws -> Int64 {
        let id = try nextOrderId ?? Self.nextId(db, table: "sales_order")
        nextOrderId = id + 1
        return id
    }

    /// The id the next new line gets.
    mutating func lineId(_ db: Database) throws -> Int64 {
        let id = try nextLineId ?? Self.nextId(db, table: "sales_order_line")
        nextLineId = id + 1
        return id
    }

    mutating func add(_ order: Order) { orders.append(order) }
    mutating func add(_ line: Line) { lines.append(line) }
    mutating func add(_ movement: Movement) { movements.append(movement) }

    /// Writes the rows held and forgets them. The ids given out stay counted, so rows added later get the next ones.
    mutating func write(_ db: Database, channel: String, customerName: String, comment: String, now: Int64) throws {
        try Self.orderInsert.run(db, orders, statements: &statements) { o in
            (o.id, channel, o.amazonOrderId, o.status, o.fulfillmentChannel, customerName, o.forceFulfilled, o.warehouse,
             o.purchasedAt, o.lastUpdatedAt, o.fulfilledAt, comment, o.piiState, o.vault, o.contact, now, now)
        }
        try Self.lineInsert.run(db, lines, statements: &statements) { l in
            (l.id, l.order, l.lineId, l.sku, l.asin, l.item, l.quantity, l.quantityShipped, l.unitPrice, l.currency)
        }
        try Self.movementInsert.run(db, movements, statements: &statements) { m in
            (m.item, m.warehouse, m.delta, m.line, m.reference, now)
        }
        orders.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        movements.removeAll(keepingCapacity: true)
    }

    /// The statements run so far in this transaction (`MultiRowInsert.statement`).
    private var statements = MultiRowInsert.Statements()

    static let orderInsert = MultiRowInsert(
        into: """
            sales_order (id, channel, amazon_order_id, status, fulfillment_channel, customer_name, force_fulfilled,
                warehouse, purchased_at, last_updated_at, fulfilled_at, comments, pii_state, vault, contact, created_at,
                updated_at)
            """,
        row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    static let lineInsert = MultiRowInsert(
        into: "sales_order_line (id, sales_order, line_id, sku, asin, item, quantity, quantity_shipped, unit_price, currency)",
        row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    static let movementInsert = MultiRowInsert(
        into: "stock_movement (item, warehouse, delta, kind, order_line, reference, at)", row: "(?, ?, ?, 'order', ?, ?, ?)")

    private static func nextId(_ db: Database, table: String) throws -> Int64 {
        // SQLite's own choice for a table without AUTOINCREMENT; its fallback past the largest integer never applies.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table)"))!
    }
}

/// One table's multi-row INSERT (`INSERT INTO <into> VALUES <row>, <row>, … <suffix>`), run in executions of
/// `batchSizes` rows: the largest that fits what is left, so a table's inserts use at most four statement texts (the
/// statement cache keeps every text it sees) and a page of 200 rows takes 5 executions. The texts are built once.
final class MultiRowInsert: Sendable {
    static let batchSizes = [64, 16, 4, 1]

    /// A transaction's statements by insert and size: each is looked up in GRDB's cache (which hashes the whole text)
    /// and set up for `run(rows:)` once per transaction, not per execution.
    typealias Statements = [ObjectIdentifier: [Int: Statement]]

    /// The SQL text for each batch size.
    let texts: [Int: String]

    init(into: String, row: String, suffix: String = "") {
        texts = Dictionary(uniqueKeysWithValues: Self.batchSizes.map { size in
            (size, "INSERT INTO \(into) VALUES " + repeatElement(row, count: size).joined(separator: ", ") + suffix)
        })
    }

    /// `0..<count` cut into executions of `batchSizes` rows.
    static func batches(_ count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let size = batchSizes.first { $0 <= count - start }!
            ranges.append(start..<start + size)
            start += size
        }
        return ranges
    }

    /// The statement for `size` rows (see `Database.positionalStatement`: `statements` must not outlive the
    /// transaction).
    func statement(_ db: Database, rows size: Int, in statements: inout Statements) throws -> Statement {
        if let known = statements[ObjectIdentifier(self)]?[size] { return known }
        let statement = try db.positionalStatement(sql: texts[size]!)
        statements[ObjectIdentifier(self), default: [:]][size] = statement
        return statement
    }

    /// Inserts `rows`, each row's values given by `columns`; `afterEach` sees each execution's rows once it has run.
    func run<Element, each Value: PositionalValue>(
        _ db: Database, _ rows: [Element], statements: inout Statements,
        _ columns: (Element) -> (repeat each Value), afterEach: (ArraySlice<Element>) throws -> Void = { _ in }
    ) throws {
        for batch in Self.batches(rows.count) {
            try statement(db, rows: batch.count, in: &statements).run(rows: rows[batch], columns)
            try afterEach(rows[batch])
        }
    }
}
