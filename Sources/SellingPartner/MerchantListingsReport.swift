import Foundation

/// Reads a GET_MERCHANT_LISTINGS_ALL_DATA document row by row, by header name, without copying the whole file.
///
/// Amazon's file is tab-separated, unquoted, with one header row; column order and the set of columns vary by
/// marketplace and over time, so values are looked up by name and unknown columns are kept. Lines that are not
/// valid UTF-8 (Amazon may send windows-1252 for some marketplaces) are read as windows-1252.
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

    public let columns: [String]
    private let data: Data
    private let bodyStart: Int

    /// Reads the header row; a document without a `seller-sku` column is not a listings report.
    public init(_ data: Data) throws {
        self.data = data
        let end = data.firstIndex(of: 0x0A) ?? data.endIndex
        let header = Self.fields(Self.text(data[data.startIndex..<end]))
        guard header.contains("seller-sku") else {
            throw SellingPartnerError.decoding(operation: Self.reportType, field: "seller-sku",
                                               reason: "the header row has no seller-sku column; is this a \(Self.reportType) document?")
        }
        columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        bodyStart = end == data.endIndex ? end : end + 1
    }

    public func makeIterator() -> Iterator { Iterator(report: self, position: bodyStart, line: 1) }

    public struct Iterator: IteratorProtocol {
        let report: MerchantListingsReport
        var position: Int
        var line: Int

        public mutating func next() -> Row? {
            let data = report.data
            while position < data.endIndex {
                line += 1
                let end = data[position...].firstIndex(of: 0x0A) ?? data.endIndex
                let bytes = data[position..<end]
                position = end == data.endIndex ? end : end + 1
                let text = MerchantListingsReport.text(bytes)
                if text.isEmpty { continue }
                return report.row(text, line: line)
            }
            return nil
        }
    }

    func row(_ text: String, line: Int) -> Row {
        let values = Self.fields(text)
        guard values.count == columns.count else {
            return .invalid(line: line, reason: "\(values.count) fields for \(columns.count) columns (a tab or line break inside a value?)")
        }
        if let quoted = values.firstIndex(where: { $0.hasPrefix("\"") && !($0.count > 1 && $0.hasSuffix("\"")) }) {
            return .invalid(line: line, reason: "unbalanced quote in column \(columns[quoted]); Amazon does not quote, the row is probably broken")
        }
        var map: [String: String] = [:]
        map.reserveCapacity(columns.count)
        for (name, value) in zip(columns, values) { map[name] = value }
        guard let sku = map["seller-sku"], !sku.isEmpty else { return .invalid(line: line, reason: "empty seller-sku") }
        return .listing(Listing(line: line, columns: map))
    }

    static func fields(_ line: String) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }

    /// One line's text without its CR; invalid UTF-8 is read as windows-1252, else lossily.
    static func text(_ bytes: Data) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        if let utf8 = String(data: slice, encoding: .utf8) { return utf8.hasPrefix("\u{FEFF}") ? String(utf8.dropFirst()) : utf8 }
        if let cp1252 = String(data: slice, encoding: .windowsCP1252) { return cp1252 }
        return String(decoding: slice, as: UTF8.self)
    }
}
