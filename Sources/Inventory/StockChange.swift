/// How a stock adjustment is expressed: a signed difference, or the counted on-hand quantity (R26).
public enum StockChange: Sendable, Hashable {
    case delta(Int)
    case newQuantity(Int)

    /// The ledger delta that realises this change given the current on-hand quantity.
    public func delta(fromOnHand onHand: Int) -> Int {
        switch self {
        case .delta(let d): d
        case .newQuantity(let q): q - onHand
        }
    }
}
