import Foundation

/// Every SP-API request of the first part of a run, in order, with its path, query and what the sandbox answered,
/// so a benchmark can name each call a sync made (which window, which page, which retry) and when.
struct OperationCallLog: Sendable {
    /// One request as the sandbox admitted or refused it.
    struct Entry: Sendable {
        var operation: String
        /// Simulated time.
        var time: Date
        var path: String
        var query: String
        /// "admitted", "throttled" (429 from the bucket or an injected throttle), "faulted" or "unauthorized".
        var outcome: String
    }

    /// Bounded memory: a 10,000-order backfill is about a hundred pages; a sandbox serving millions of calls keeps the first.
    static let keptEntries = 5000

    private(set) var entries: [Entry] = []

    mutating func record(_ entry: Entry) {
        if entries.count < Self.keptEntries { entries.append(entry) }
    }

    mutating func reset() { entries.removeAll() }
}
