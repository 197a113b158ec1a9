import Foundation

/// When each SP-API operation was called, in simulated time, so a benchmark or demo can lay out a timeline of a sync.
struct OperationCallTimes: Sendable {
    /// One operation's calls: the first and last, and the times of the first `keptTimes` calls.
    struct Calls: Sendable {
        var count = 0
        var first: Date
        var last: Date
        var times: [Date] = []
    }

    /// Bounded memory: a timeline needs the early calls of a sync (report polls, document fetches), not every page.
    static let keptTimes = 1000

    private(set) var operations: [String: Calls] = [:]

    mutating func record(_ op: String, at time: Date) {
        var calls = operations[op] ?? Calls(first: time, last: time)
        calls.count += 1
        calls.last = time
        if calls.times.count < Self.keptTimes { calls.times.append(time) }
        operations[op] = calls
    }

    mutating func reset() { operations.removeAll() }
}
