/// Every failure of the shipment, local sales order and outbound shipment methods (R21, R28); named so the
/// control interface can answer with a named error.
public enum ShipmentError: Error, Equatable, CustomStringConvertible {
    /// The order cannot be shipped by the seller, or not these lines (R21, R27).
    case notShippable(order: String, reason: String)
    /// An outbound shipment was asked for an order without FBA lines (R28).
    case noFBALines(order: String)
    /// An outbound shipment needs a destination address and the order has none (or it was purged).
    case noDestination(order: String)
    /// No channel has an FBA warehouse, so no account can fulfil an MCF order (R24, R28).
    case noFBAChannel
    /// No outbound shipment exists for the order yet.
    case noOutboundShipment(order: String)
    /// A new local sales order is malformed.
    case invalidSalesOrder(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .notShippable(let order, let reason): "order \(order) cannot be shipped: \(reason)"
        case .noFBALines(let order):
            "order \(order) has no FBA lines: mark its items FBA or ship the order yourself"
        case .noDestination(let order):
            "order \(order) has no destination address: create the sales order with an address to ship it by MCF"
        case .noFBAChannel: "no channel has an FBA warehouse: set one with `invsyncctl channel fba CHANNEL WAREHOUSE`"
        case .noOutboundShipment(let order):
            "order \(order) has no outbound shipment: create one with `invsyncctl order outbound \(order)`"
        case .invalidSalesOrder(let why): "invalid sales order: \(why)"
        case .store(let e): e.description
        }
    }
}
