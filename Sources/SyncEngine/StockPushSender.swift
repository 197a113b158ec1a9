import Foundation
import SellingPartner

/// Sends one channel's quantity pushes to Amazon: a few SKUs as one patchListingsItem each, more as
/// JSON_LISTINGS_FEEDs whose processing reports are read back and mapped by messageId (R16, decision 4).
public struct StockPushSender: Sendable {
    /// Up to this many SKUs are patched one by one, more go in a feed. patchListingsItem allows 5 req/s with a burst
    /// of 5, so n patches take about max(0, n − 5) / 5 s; createFeed allows one feed per 120 s (0.0083 req/s, burst 15)
    /// and a feed costs about 6 requests (document, upload, createFeed, getFeed polls, report) whatever its size, but
    /// Amazon takes minutes to process it. A pass may spend about 10 s patching: 5 + 5 × 10 = 55 SKUs; beyond that
    /// a feed is faster and uses fewer requests.
    public static let patchLimit = 55
    /// listings-feed-schema-v2 allows at most 25,000 messages per feed (`messages.maxItems`); more are split.
    public static let feedMessageLimit = ListingsFeed.maxMessages
    /// Quantity-only submissions need no product facts; Amazon documents `PRODUCT` as the product type to send for
    /// offer-only updates such as fulfillment availability.
    public static let productType = "PRODUCT"

    let client: SellingPartnerClient
    let clock: any WallClock
    let timing: StockPushTiming

    public init(client: SellingPartnerClient, clock: any WallClock, timing: StockPushTiming) {
        self.client = client
        self.clock = clock
        self.timing = timing
    }

    /// How a batch was sent, for the log.
    public enum Method: String, Sendable {
        case patch, feed
    }

    /// The method `send` uses for `count` SKUs.
    public static func method(forCount count: Int) -> Method { count <= patchLimit ? .patch : .feed }

    /// Pushes each SKU's quantity and returns what happened to each; throws only `CancellationError`.
    public func send(_ pushes: [(sku: String, quantity: Int)]) async throws -> [String: StockPushResult] {
        var results: [String: StockPushResult] = [:]
        // The client cannot put a '/' in a URL path; such SKUs can only go by feed.
        let patchable = pushes.filter { !$0.sku.contains("/") }
        let feedOnly = pushes.filter { $0.sku.contains("/") }
        if Self.method(forCount: pushes.count) == .patch {
            for push in patchable {
                try Task.checkCancellation()
                results[push.sku] = await patch(push.sku, push.quantity)
            }
            if !feedOnly.isEmpty { results.merge(try await feed(feedOnly)) { _, new in new } }
        } else {
            var start = 0
            while start < pushes.count {
                let chunk = Array(pushes[start..<min(start + Self.feedMessageLimit, pushes.count)])
                results.merge(try await feed(chunk)) { _, new in new }
                start += Self.feedMessageLimit
            }
        }
        return results
    }

    private func patch(_ sku: String, _ quantity: Int) async -> StockPushResult {
        do {
            let response = try await client.patchListingsItem(
                sku: sku, .merchantQuantity(productType: Self.productType, quantity: quantity))
            if response.status == .accepted { return .accepted }
            let issues = (response.issues ?? []).map { "\($0.code): \($0.message)" }.joined(separator: "; ")
            return .rejected(reason: "Amazon answered \(response.status.rawValue) to quantity \(quantity): \(issues)")
        } catch let error as SellingPartnerError {
            if case .api(let status, _) = error, status == 400 || status == 404 {
                return .rejected(reason: "Amazon refused quantity \(quantity): \(error)")
            }
            return .failed(reason: "\(error)")
        } catch {
            return .failed(reason: "\(error)")
        }
    }

    /// One feed of at most `feedMessageLimit` SKUs; messageId i + 1 is `pushes[i]`.
    private func feed(_ pushes: [(sku: String, quantity: Int)]) async throws -> [String: StockPushResult] {
        func all(_ result: StockPushResult) -> [String: StockPushResult] {
            Dictionary(pushes.map { ($0.sku, result) }, uniquingKeysWith: { _, last in last })
        }
        do {
            let document = ListingsFeed.quantityPatches(
                pushes.map { (sku: $0.sku, productType: Self.productType, quantity: $0.quantity) },
                sellerId: client.configuration.sellerId)
            let feedId = try await client.submitFeed(
                feedType: ListingsFeed.feedType, marketplaceIds: client.configuration.marketplaceIds,
                contentType: ListingsFeed.contentType, bytes: try document.encoded())
            let deadline = clock.now().addingTimeInterval(timing.feedTimeout)
            var interval = timing.feedPollInterval
            var feed = try await client.getFeed(feedId: feedId)
            while !feed.processingStatus.isFinal {
                guard clock.now() < deadline else {
                    return all(.failed(reason: "feed \(feedId) still \(feed.processingStatus.rawValue) after \(Int(timing.feedTimeout)) s"))
                }
                try await clock.sleep(until: min(deadline, clock.now().addingTimeInterval(interval)))
                interval = min(timing.maxFeedPollInterval, interval * 2)
                feed = try await client.getFeed(feedId: feedId)
            }
            guard feed.processingStatus == .done else {
                return all(.failed(reason: "feed \(feedId) ended \(feed.processingStatus.rawValue)"))
            }
            let report = try await client.listingsProcessingReport(feed: feed)
            if let fatal = report.feedIssues.first(where: { $0.severity == .error }) {
                return all(.rejected(reason: "feed \(feedId) was refused as a whole: \(fatal.message)"))
            }
            let byMessage = report.results(messageIds: 1...pushes.count)
            var results: [String: StockPushResult] = [:]
            for (index, push) in pushes.enumerated() {
                switch byMessage[index + 1] {
                case .accepted, nil:
                    results[push.sku] = .accepted
                case .rejected(let issues):
                    let text = issues.filter { $0.severity == .error }.map { "\($0.code ?? "error"): \($0.message)" }
                    results[push.sku] = .rejected(
                        reason: "feed \(feedId) rejected quantity \(push.quantity): \(text.joined(separator: "; "))")
                }
            }
            return results
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return all(.failed(reason: "\(error)"))
        }
    }
}
