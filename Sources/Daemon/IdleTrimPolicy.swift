/// Decides, one check at a time, when the daemon has gone idle and may give memory back (`ProcessMemory.trim`), and
/// when work has resumed and the code wants its read-ahead again.
///
/// Idle = no sync run at this check and at the one before, and under 1 % of a core used since the last check (stock
/// pushes, shipment confirmations and the reaper run outside sync runs). One trim per idle spell: what is paged out
/// stays out until work brings it back, so trimming again would only cost the page-table walk.
struct IdleTrimPolicy {
    enum Action: Equatable {
        case none
        case trim
        case restoreReadahead
    }

    /// CPU share (of one core) under which an interval counts as quiet.
    static let quietShare = 0.01

    private var quietChecks = 0
    private var trimmed = false

    /// `busy` = a sync run is in progress; `cpu` = CPU time used since the last check, `interval` long ago.
    mutating func next(busy: Bool, cpu: Duration, interval: Duration) -> Action {
        let quiet = !busy && cpu <= interval * Self.quietShare
        guard quiet else {
            quietChecks = 0
            if trimmed {
                trimmed = false
                return .restoreReadahead
            }
            return .none
        }
        quietChecks += 1
        guard quietChecks >= 2, !trimmed else { return .none }
        trimmed = true
        return .trim
    }
}
