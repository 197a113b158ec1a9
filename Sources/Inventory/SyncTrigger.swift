/// Why a sync task was started.
public enum SyncTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    case initial, scheduled, manual, timeframe, resync, retry
}
