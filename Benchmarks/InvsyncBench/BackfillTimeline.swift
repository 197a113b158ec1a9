import Foundation

/// Where a backfill's time went: simulated minutes from the daemon's start to each step, from the daemon's task list
/// (Varlink ListTasks, watched every 100 ms) and the sandbox's reports and call times.
struct BackfillTimeline {
    var itemsDone: Double?
    var ordersStarted: Double?
    var createReport: Double?
    var reportDone: Double?
    /// getReport calls for the order report, after createReport.
    var polls: [Double] = []
    var documentFetched: Double?
    /// searchOrders calls after the document was fetched: the buyer-data pages and the hand-over catch-up.
    var searchesAfterDocument: [Double] = []
    var allPresent: Double?
    /// When the last order of the authorisation-time set arrived so far (equals allPresent when all did).
    var lastArrival: Double?
    var ordersEnded: Double?

    private var searches: String {
        guard let first = searchesAfterDocument.first, let last = searchesAfterDocument.last else { return "none" }
        return "\(searchesAfterDocument.count), from \(String(format: "%.2f", first)) to \(String(format: "%.2f", last))"
    }

    /// One line per step, `–` for a step that did not happen within the run.
    var lines: [String] {
        func m(_ value: Double?) -> String { value.map { String(format: "%6.2f", $0) } ?? "     –" }
        return [
            "\(m(itemsDone)) items sync done",
            "\(m(ordersStarted)) orders task started",
            "\(m(createReport)) createReport (order report)",
            "\(m(reportDone)) report DONE on the sandbox",
            "       getReport polls at \(polls.map { String(format: "%.2f", $0) }.joined(separator: ", "))",
            "\(m(documentFetched)) getReportDocument (document fetched)",
            "       searchOrders after it: \(searches)",
            "\(m(allPresent)) all authorisation-time orders present (last arrived \(m(lastArrival).trimmingCharacters(in: .whitespaces)))",
            "\(m(ordersEnded)) first orders task ended",
        ]
    }

    /// The same on one line for a table's note.
    var summary: String {
        func m(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        return "timeline (sim. min from start): items done \(m(itemsDone)), orders task \(m(ordersStarted)), createReport \(m(createReport)), "
            + "report DONE \(m(reportDone)), getReport polls [\(polls.map { String(format: "%.2f", $0) }.joined(separator: " "))], "
            + "document fetched \(m(documentFetched)), searchOrders after it \(searches), all present \(m(allPresent)) (last arrived \(m(lastArrival))), orders task ended \(m(ordersEnded))"
    }
}
