/// What a channel is doing, as status reports it.
public enum ChannelState: String, Sendable, Hashable, CaseIterable, Codable {
    case idle, syncing, backingOff, inactive, error
}
