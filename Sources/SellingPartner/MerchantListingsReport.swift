import Foundation

/// Reads a GET_MERCHANT_LISTINGS_ALL_DATA document row by row as listings (a `FlatFileRows` document: by header
/// name, unknown columns kept).
public struct MerchantListingsReport: Sequence, Sendable {
    public static let reportType = "GET_MERCHANT_LISTINGS_ALL_DATA"

    /// One listing row; `columns` holds every column by header name, the properties the ones invsyncd uses.
    public struct Listing: Sendable, Equatable {
        public var line: Int
        public var columns: [String: String]

        public var sellerSku: String { columns["seller-sku"] ?? "" }
        public var asin: String? { nonEmpty("asin1") }
        public var itemName: String? { nonEmpty("item-name") }
        public var listingId: String? { nonEmpty("listing-id") }
        public var productId: String? { nonEmpty("product-id") }
        public var status: String? { nonEmpty("status") }
        /// DEFAULT for merchant-fulfilled; AMAZON_NA, AMAZON_EU… for FBA.
        public var fulfillmentChannel: String? { nonEmpty("fulfillment-channel") }
        public var isFulfilledByAmazon: Bool { fulfillmentChannel.map { $0.hasPrefix("AMAZON") } ?? false }
        /// Empty for FBA listings, whose stock Amazon counts.
        public var quantity: Int? { nonEmpty("quantity").flatMap { Int($0) } }
        public var pendingQuantity: Int? { nonEmpty("pending-quantity").flatMap { Int($0) } }
        public var price: Decimal? { nonEmpty("price").flatMap { Decimal(string: $0) } }
        public var openDate: String? { nonEmpty("open-date") }

        func nonEmpty(_ name: String) -> String? {
            guard let v = columns[name], !v.isEmpty else { return nil }
            return v
        }
    }

    /// A listing, or a line that could not be read (with its 1-based line number and why).
    public enum Row: Sendable, Equatable {
        case listing(Listing)
        case invalid(line: Int, reason: String)
    }

    private let rows: FlatFileRows
    public var columns: [String] { rows.columns }

    /// Reads the header row; a document without a `seller-sku` column is not a listings report.
    public init(_ data: Data) throws {
        rows = try FlatFileRows(data, required: ["seller-sku"], reportType: Self.reportType)
    }

    public func makeIterator() -> Iterator { Iterator(lines: rows.makeIterator(), columns: rows.columns) }

    public struct Iterator: IteratorProtocol {
        var lines: FlatFileRows.Iterator
        let columns: [String]

        public mutating func next() -> Row? {
            switch lines.next() {
            case nil: return nil
            case .invalid(let line, let reason): return .invalid(line: line, reason: reason)
            case .values(let line, let map): return MerchantListingsReport.row(map, columns: columns, line: line)
            }
        }
    }

    static func row(_ map: [String: String], columns: [String], line: Int) -> Row {
        if let quoted = columns.first(where: { name in
            let value = map[name] ?? ""
            return value.hasPrefix("\"") && !(value.count > 1 && value.hasSuffix("\""))
        }) {
            return .invalid(line: line, reason: "unbalanced quote in column \(quoted); Amazon does not quote, the row is probably broken")
        }
        guard let sku = map["seller-sku"], !sku.isEmpty else { return .invalid(line: line, reason: "empty seller-sku") }
        return .listing(Listing(line: line, columns: map))
    }
}
