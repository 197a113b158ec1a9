/// Where an outbound (MCF) shipment's request to Amazon stands (R28): in the outbox, accepted, or refused.
public enum OutboundShipmentRequest: String, Sendable, Hashable, CaseIterable, Codable {
    case requested, accepted, refused
}
