import ServiceLifecycle

/// The two shipment workers the daemon runs and the control handler wakes: confirmations (R21) and MCF (R28).
public struct ShipmentServices: Sendable {
    public let confirmer: ShipmentConfirmer
    public let outbound: OutboundTracker

    public init(environment: SyncEnvironment) {
        confirmer = ShipmentConfirmer(environment: environment)
        outbound = OutboundTracker(environment: environment)
    }

    public var services: [any Service] { [confirmer, outbound] }
}
