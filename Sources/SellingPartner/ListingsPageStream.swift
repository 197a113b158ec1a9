/// Builds the page streams of Listings, FBA Inventory and Fulfillment Outbound: each page is fetched only when
/// the consumer asks for the next one, so a slow or stopped consumer never spends rate-limit tokens ahead of need.
enum ListingsPageStream {
    /// Pages from `fetch(token)`, starting with `first`, until `next(page)` gives no token (or an empty one).
    static func pages<Page: Sendable>(first: String? = nil, fetch: @escaping @Sendable (String?) async throws -> Page,
                                      next: @escaping @Sendable (Page) -> String?) -> AsyncThrowingStream<Page, any Error> {
        let cursor = PageCursor(first: first)
        return AsyncThrowingStream(unfolding: {
            guard let token = await cursor.current() else { return nil }
            let page = try await fetch(token)
            await cursor.advance(next(page).flatMap { $0.isEmpty ? nil : $0 })
            return page
        })
    }
}

/// Where a page stream stands: the token of the next page to fetch, or finished.
private actor PageCursor {
    /// `.some(nil)` = the first page (no token), `.some(token)` = a later page, `nil` = past the last page.
    private var upcoming: String??

    init(first: String?) { upcoming = .some(first) }

    func current() -> String?? { upcoming }

    func advance(_ token: String?) { upcoming = token.map { .some($0) } ?? .none }
}
