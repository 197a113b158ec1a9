import Foundation
import Inventory

/// Why an Orders API order could not become an `IncomingOrder`; the engine records it as a failed record.
public enum OrderMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Amazon sent no fulfillment status (the FULFILLMENT dataset was not included, or the field was empty).
    case missingStatus(orderId: String)
    /// Amazon sent a fulfillment status this build does not know.
    case unknownStatus(orderId: String, status: String)
    /// An order item carries no seller SKU, so it cannot be tied to a listing.
    case lineWithoutSKU(orderId: String, orderItemId: String)
    /// An order item's quantity is negative.
    case invalidQuantity(orderId: String, orderItemId: String)
    /// A price is not a decimal amount in an ISO 4217 currency.
    case invalidPrice(orderId: String, orderItemId: String, reason: String)
    /// A purchase or last-updated date is missing or not ISO 8601 (order report rows).
    case invalidDate(orderId: String)

    public var description: String {
        switch self {
        case .missingStatus(let id):
            "order \(id) came without a fulfillment status: ask for includedData FULFILLMENT; it is retried"
        case .unknownStatus(let id, let status):
            "order \(id) has fulfillment status \(status), unknown to this build: update invsyncd"
        case .lineWithoutSKU(let id, let item):
            "order \(id) item \(item) has no seller SKU: check the listing on Seller Central, then resync"
        case .invalidQuantity(let id, let item):
            "order \(id) item \(item) has a negative quantity: resync it later"
        case .invalidPrice(let id, let item, let reason):
            "order \(id) item \(item) has an unreadable price (\(reason)): resync it later"
        case .invalidDate(let id):
            "order \(id) has no readable purchase-date or last-updated-date: it is fetched again by id"
        }
    }
}

extension Orders.Order {
    /// The order as the inventory store takes it: status (R17), AFN/MFN (R27), lines with prices, buyer PII (R30).
    ///
    /// Ask for `includedData` BUYER, RECIPIENT and FULFILLMENT: the status and who fulfils come only with FULFILLMENT.
    /// Without `fulfilledBy` the order counts as merchant-fulfilled, the case where the seller keeps the stock.
    public func incomingOrder() throws(OrderMappingError) -> IncomingOrder {
        guard let wireStatus = fulfillmentStatus?.rawValue, !wireStatus.isEmpty else { throw .missingStatus(orderId: orderId) }
        guard let status = OrderStatus(amazon: wireStatus) else { throw .unknownStatus(orderId: orderId, status: wireStatus) }
        var lines: [IncomingOrderLine] = []
        lines.reserveCapacity(orderItems.count)
        for item in orderItems {
            guard let sku = item.sellerSku, !sku.isEmpty else {
                throw .lineWithoutSKU(orderId: orderId, orderItemId: item.orderItemId)
            }
            guard item.quantityOrdered >= 0, (item.quantityShipped ?? 0) >= 0 else {
                throw .invalidQuantity(orderId: orderId, orderItemId: item.orderItemId)
            }
            var price: Inventory.Money?
            if let wire = item.unitPrice {
                do {
                    // Amazon's own text when it is a plain decimal ("40.00" stays "40.00"), else the exact Decimal's.
                    let text = wire.amountText.flatMap { Inventory.Money.isDecimal($0) ? $0 : nil } ?? Self.decimalString(wire.amount)
                    price = try Inventory.Money(amount: text, currency: wire.currencyCode)
                } catch {
                    throw .invalidPrice(orderId: orderId, orderItemId: item.orderItemId, reason: error.description)
                }
            }
            // A shipped order reports every unit shipped even when the item-level dataset is absent.
            let shipped = item.quantityShipped ?? (status == .shipped ? item.quantityOrdered : 0)
            lines.append(IncomingOrderLine(
                lineId: item.orderItemId, sku: sku, asin: item.asin, title: item.product.title,
                quantity: item.quantityOrdered, quantityShipped: min(shipped, item.quantityOrdered), unitPrice: price))
        }
        return IncomingOrder(
            amazonOrderId: orderId, status: status, fulfillmentChannel: fulfilledBy == .amazon ? .afn : .mfn,
            purchasedAt: createdTime, lastUpdatedAt: lastUpdatedTime, lines: lines, buyer: buyerPII)
    }

    /// Buyer and recipient data together, nil when Amazon sent none (R30: nothing is stored then).
    public var buyerPII: BuyerPII? {
        let address = deliveryAddress
        let pii = BuyerPII(
            buyerName: buyer?.buyerName, buyerEmail: buyer?.buyerEmail, buyerPhone: address?.phone,
            recipientName: address?.name,
            addressLines: [address?.addressLine1, address?.addressLine2, address?.addressLine3].compactMap { $0 }
                .filter { !$0.isEmpty },
            city: address?.city, stateOrRegion: address?.stateOrRegion, postalCode: address?.postalCode,
            countryCode: address?.countryCode)
        return pii.isEmpty ? nil : pii
    }

    /// Amazon's amount as a plain decimal string ("12.5", "-3"), without grouping or exponent.
    static func decimalString(_ amount: Decimal) -> String {
        // Decimal's description is locale-independent: digits, an optional '-' and '.'.
        var text = amount.description
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        return text
    }
}
