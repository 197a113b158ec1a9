import Foundation
import InventoryStore

/// Writes order lines as RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, a
/// quote, CR or LF (quotes doubled). The columns carry no buyer data (R32).
enum OrderCSV {
    static let header = [
        "order_id", "channel", "amazon_order_id", "status", "fulfillment_channel", "warehouse", "purchased_at",
        "last_updated_at", "fulfilled_at", "line_id", "sku", "asin", "quantity", "quantity_shipped", "unit_price",
        "currency",
    ]

    static func render(_ rows: [OrderExportRow]) -> String {
        var out = record(header)
        for r in rows {
            out += record([
                String(r.orderId), r.channel, r.amazonOrderId, r.status, r.fulfillmentChannel, r.warehouse,
                Timestamp.rfc3339(r.purchasedAt), Timestamp.rfc3339(r.lastUpdatedAt),
                r.fulfilledAt.map(Timestamp.rfc3339) ?? "", r.lineId, r.sku, r.asin ?? "", String(r.quantity),
                String(r.quantityShipped), r.unitPrice ?? "", r.currency ?? "",
            ])
        }
        return out
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
