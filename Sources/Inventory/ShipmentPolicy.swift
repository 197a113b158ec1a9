/// Decides which units of an Amazon order a new shipment may carry (R21, R27): a pure function of the order.
public enum ShipmentPolicy {
    /// Why an order, or some of its lines, cannot be shipped by the seller.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case forceFulfilled
        case cancelled
        case notConfirmed(OrderStatus)
        case alreadyShipped
        case noSuchLine(String)
        case lineAlreadyShipped(String)
        case tooMany(lineId: String, requested: Int, unshipped: Int)
        case duplicateLine(String)

        public var description: String {
            switch self {
            case .forceFulfilled: "the order is fulfilled by Amazon (AFN) and locked: Amazon ships it"
            case .cancelled: "the order is cancelled: nothing may be shipped"
            case .notConfirmed(let s): "the order is \(s.rawValue), not yet confirmed by Amazon: wait for the next order sync"
            case .alreadyShipped: "every line of the order is already shipped"
            case .noSuchLine(let id): "the order has no line '\(id)': show the order to see its line ids"
            case .lineAlreadyShipped(let id): "line '\(id)' is already shipped in full"
            case .tooMany(let id, let requested, let unshipped):
                "line '\(id)' has \(unshipped) unshipped unit(s) but \(requested) were given: give 1 to \(unshipped)"
            case .duplicateLine(let id): "line '\(id)' is given twice: give each line once"
            }
        }
    }

    /// The lines and quantities of the shipment: the `requested` ones, checked, or every unshipped unit when nil.
    public static func lines(for order: SalesOrder, requested: [ShipmentLine]?) throws(Refusal) -> [ShipmentLine] {
        if order.forceFulfilled || order.fulfillmentChannel == .afn { throw .forceFulfilled }
        if order.status.isVoid { throw .cancelled }
        if order.status.isPending { throw .notConfirmed(order.status) }
        if order.status == .shipped { throw .alreadyShipped }
        let unshipped = Dictionary(
            order.lines.map { ($0.lineId, max(0, $0.quantity - $0.quantityShipped)) }, uniquingKeysWith: { a, _ in a })
        guard let requested else {
            let all = order.lines.compactMap { l -> ShipmentLine? in
                let q = unshipped[l.lineId] ?? 0
                return q > 0 ? ShipmentLine(lineId: l.lineId, quantity: q) : nil
            }
            if all.isEmpty { throw .alreadyShipped }
            return all
        }
        if unshipped.values.allSatisfy({ $0 == 0 }) { throw .alreadyShipped }
        var seen = Set<String>()
        for r in requested {
            guard seen.insert(r.lineId).inserted else { throw .duplicateLine(r.lineId) }
            guard let left = unshipped[r.lineId] else { throw .noSuchLine(r.lineId) }
            if left == 0 { throw .lineAlreadyShipped(r.lineId) }
            guard (1...left).contains(r.quantity) else {
                throw .tooMany(lineId: r.lineId, requested: r.quantity, unshipped: left)
            }
        }
        return requested
    }
}
