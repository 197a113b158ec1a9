import Foundation
import GRDB
import Inventory

/// Warehouses: the primary one from the configuration (R22) and those the seller adds.
extension AppDatabase {
    /// Makes `name` the primary warehouse, creating it if needed; the former primary stays as a regular one.
    /// The daemon calls it at start-up with `[organization] primary_warehouse`.
    public func setPrimaryWarehouse(name: String, now: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO warehouse (name, is_primary, kind, created_at) VALUES (?, 0, 'regular', ?) ON CONFLICT(name) DO NOTHING",
                arguments: [name, AppDatabase.ms(now)])
            try db.execute(sql: "UPDATE warehouse SET is_primary = 0 WHERE is_primary = 1 AND name <> ?", arguments: [name])
            try db.execute(sql: "UPDATE warehouse SET is_primary = 1 WHERE name = ?", arguments: [name])
        }
    }

    /// Adds a warehouse; refuses a name that exists.
    @discardableResult
    public func addWarehouse(name: String, kind: WarehouseKind = .regular, now: Date = Date()) throws(StoreError)
        -> Warehouse
    {
        try write { db in
            if try AppDatabase.warehouseId(db, name: name, required: false) != nil {
                throw StoreError.warehouseExists(name)
            }
            try db.execute(
                sql: "INSERT INTO warehouse (name, is_primary, kind, created_at) VALUES (?, 0, ?, ?)",
                arguments: [name, kind.rawValue, AppDatabase.ms(now)])
            return Warehouse(name: name, isPrimary: false, kind: kind)
        }
    }

    /// All warehouses, the primary first, then by name.
    public func warehouses() throws(StoreError) -> [Warehouse] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT name, is_primary, kind FROM warehouse ORDER BY is_primary DESC, name"))
                .map { Warehouse(name: $0[0], isPrimary: $0[1], kind: WarehouseKind(rawValue: $0[2]) ?? .regular) }
        }
    }

    static func warehouseId(_ db: Database, name: String, required: Bool = true) throws -> Int64? {
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM warehouse WHERE name = ?"), arguments: [name])
        if id == nil, required { throw StoreError.noSuchWarehouse(name) }
        return id
    }

    static func primaryWarehouseName(_ db: Database) throws -> String {
        guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM warehouse WHERE is_primary = 1")) else {
            throw StoreError.noPrimaryWarehouse
        }
        return name
    }
}
