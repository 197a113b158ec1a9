/// Where a shipment's confirmation to Amazon stands (R21): waiting in the outbox, accepted, or refused for good.
public enum ShipmentConfirmation: String, Sendable, Hashable, CaseIterable, Codable {
    case pending, confirmed, failed
}
