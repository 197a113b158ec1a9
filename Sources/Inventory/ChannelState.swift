/// The runtime state of a channel's sync cycle.
public enum ChannelState: String, Sendable, Hashable, CaseIterable, Codable {
    case idle, syncing, backingOff, inactive, error
}
