/// Why stock moved; the ledger is append-only, so every change has one of these causes.
public enum StockMovementKind: String, Sendable, Hashable, CaseIterable, Codable {
    case order, cancellation, adjustment, transfer, shipment, initial
}
