import Foundation
import Testing
import SellerCentralSandbox

let us = "ATVPDKIKX0DER"
let uk = "A1F83G8C2ARO7P"
let india = "A21TJRUUN4KGV"

@Suite struct SandboxAuthTests {
    @Test func tokenGrantAcceptsFormAndJSONAndRejectsBadCredentials() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let form = try await s.call("POST", "/auth/o2/token", form: "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret")
        #expect(form.status == 200)
        #expect((form.object["access_token"] as? String)?.hasPrefix("Atza|") == true)
        #expect(form.object["expires_in"] as? Int == 3600)
        let json = try await s.call("POST", "/auth/o2/token", json: ["grant_type": "refresh_token", "refresh_token": "Atzr|sandbox-refresh-token",
                                                                "client_id": "amzn1.application-oa2-client.sandbox", "client_secret": "sandbox-client-secret"])
        #expect(json.status == 200)
        #expect(json.object["token_type"] as? String == "bearer")
        let badGrant = try await s.call("POST", "/auth/o2/token", json: ["grant_type": "refresh_token", "refresh_token": "Atzr|wrong",
                                                                    "client_id": "amzn1.application-oa2-client.sandbox", "client_secret": "sandbox-client-secret"])
        #expect(badGrant.status == 400)
        #expect(badGrant.object["error"] as? String == "invalid_grant")
        let badClient = try await s.call("POST", "/auth/o2/token", json: ["grant_type": "refresh_token", "refresh_token": "Atzr|sandbox-refresh-token",
                                                                     "client_id": "amzn1.application-oa2-client.sandbox", "client_secret": "nope"])
        #expect(badClient.status == 401)
        #expect(badClient.object["error"] as? String == "invalid_client")
    }

    @Test func badOrExpiredTokenGets403WithAmazonsBody() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let none = try await s.call("GET", "/sellers/v1/marketplaceParticipations")
        #expect(none.status == 403)
        #expect(none.errorCode == "Unauthorized")
        let bad = try await s.call("GET", "/sellers/v1/marketplaceParticipations", token: "Atza|forged")
        #expect(bad.status == 403)
        let token = try await s.token()
        let good = try await s.call("GET", "/sellers/v1/marketplaceParticipations", token: token)
        #expect(good.status == 200)
        #expect(good.headers["x-amzn-ratelimit-limit"] != nil)
        #expect(good.headers["x-amzn-requestid"] != nil)
        #expect((good.object["payload"] as? [Any])?.count == 3)
        _ = try await s.call("POST", "/_sandbox/tokens/expire")
        let expired = try await s.call("GET", "/sellers/v1/marketplaceParticipations", token: token)
        #expect(expired.status == 403)
        #expect(expired.text.contains("The access token you provided has expired."))
    }
}

@Suite struct SandboxOrdersTests {
    func firstPage(seed: UInt64) async throws -> [String] {
        let s = try await RunningSandbox.start { $0.seed = seed }
        defer { s.stop() }
        let token = try await s.token()
        let after = RunningSandbox.iso(Date().addingTimeInterval(-40 * 86400))
        let a = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us),\(uk)&maxResultsPerPage=20", token: token)
        return (a.object["orders"] as? [[String: Any]] ?? []).compactMap { $0["orderId"] as? String }
    }

    @Test func searchOrdersPaginationYieldsEverySeededOrderOnce() async throws {
        let s = try await RunningSandbox.start { $0.orders = 2000; $0.listings = 500 }
        defer { s.stop() }
        let token = try await s.token()
        let after = RunningSandbox.iso(Date().addingTimeInterval(-31 * 86400))
        var seen: [String] = []
        var next: String? = nil
        var pages = 0
        repeat {
            var path = "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us),\(uk),\(india)&maxResultsPerPage=100&includedData=BUYER,RECIPIENT"
            if let next { path += "&paginationToken=\(next)" }
            let a = try await s.call("GET", path, token: token)
            #expect(a.status == 200)
            let orders = a.object["orders"] as? [[String: Any]] ?? []
            seen += orders.compactMap { $0["orderId"] as? String }
            if pages == 0, let o = orders.first {
                #expect(o["createdTime"] != nil && o["lastUpdatedTime"] != nil && o["salesChannel"] != nil && o["orderItems"] != nil)
                #expect(((o["buyer"] as? [String: Any])?["buyerName"]) != nil)
            }
            next = (a.object["pagination"] as? [String: Any])?["nextToken"] as? String
            pages += 1
        } while next != nil && pages < 100
        #expect(pages >= 20)
        #expect(seen.count >= 2000)
        #expect(Set(seen).count == seen.count)
    }

    @Test func validationErrorsAreInvalidInputInErrorListFormat() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        let after = RunningSandbox.iso(Date().addingTimeInterval(-86400))
        let missing = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)", token: token)
        #expect(missing.status == 400)
        #expect(missing.errorCode == "InvalidInput")
        let recent = RunningSandbox.iso(Date().addingTimeInterval(-30))
        let tooRecent = try await s.call("GET", "/orders/2026-01-01/orders?lastUpdatedAfter=\(after)&lastUpdatedBefore=\(recent)&marketplaceIds=\(us)", token: token)
        #expect(tooRecent.status == 400)
        #expect(tooRecent.text.contains("2 minutes"))
        let badDate = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=yesterday&marketplaceIds=\(us)", token: token)
        #expect(badDate.status == 400)
        let both = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&lastUpdatedAfter=\(after)&marketplaceIds=\(us)", token: token)
        #expect(both.status == 400)
        let unknownMarket = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=A1PA6795UKMFR9", token: token)
        #expect(unknownMarket.status == 400)
        let bigPage = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)&maxResultsPerPage=101", token: token)
        #expect(bigPage.status == 400)
        let ok = try await s.call("GET", "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)&fulfilledBy=AMAZON", token: token)
        #expect(ok.status == 200)
    }

    @Test func sameSeedGivesSameFirstPage() async throws {
        let a = try await firstPage(seed: 7)
        let b = try await firstPage(seed: 7)
        let c = try await firstPage(seed: 8)
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func clockMovesAnOrderFromPendingToUnshipped() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        let added = try await s.call("POST", "/_sandbox/orders", json: ["amazonOrderId": "111-0000000-0000001", "marketplace": "US", "fulfillmentChannel": "MFN",
                                                                   "items": [["sku": "SKU-1", "quantity": 1, "price": 9.99]]])
        #expect(added.status == 200)
        func status() async throws -> String? {
            let a = try await s.call("GET", "/orders/2026-01-01/orders/111-0000000-0000001", token: token)
            return ((a.object["order"] as? [String: Any])?["fulfillment"] as? [String: Any])?["fulfillmentStatus"] as? String
        }
        #expect(try await status() == "PENDING")
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 3600])
        #expect(try await status() == "UNSHIPPED")
        let confirm = try await s.call("POST", "/orders/v0/orders/111-0000000-0000001/shipmentConfirmation", token: token, json: [
            "marketplaceId": us,
            "packageDetail": ["packageReferenceId": "1", "carrierCode": "UPS", "trackingNumber": "1Z1", "shipDate": RunningSandbox.iso(Date()),
                              "orderItems": [["orderItemId": "1", "quantity": 1]]],
        ])
        #expect(confirm.status == 204)
        #expect(try await status() == "SHIPPED")
        let shipments = try await s.call("GET", "/_sandbox/shipments")
        #expect((shipments.object["shipments"] as? [Any])?.count == 1)
    }
}

@Suite struct SandboxQuotaAndFaultTests {
    @Test func burstExhaustedGives429WithRateHeader() async throws {
        // 0.02 requests/s, burst 2 (the burst is never scaled): the third request cannot find a token however slow curl starts.
        let s = try await RunningSandbox.start { $0.rateScale = 0.01 }
        defer { s.stop() }
        let token = try await s.token()
        let path = "/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=\(us)&marketplaceIds=\(us)"
        #expect(try await s.call("GET", path, token: token).status == 200)
        #expect(try await s.call("GET", path, token: token).status == 200)
        let third = try await s.call("GET", path, token: token)
        #expect(third.status == 429)
        #expect(third.errorCode == "QuotaExceeded")
        #expect(third.headers["x-amzn-ratelimit-limit"] == "0.02")
        let counts = try await s.call("GET", "/_sandbox/counts").object
        let inv = (counts["operations"] as? [String: Any])?["getInventorySummaries"] as? [String: Any]
        #expect(inv?["requests"] as? Int == 3)
        #expect(inv?["throttled"] as? Int == 1)
    }

    @Test func everyFaultKindMisbehavesAsAsked() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        let after = RunningSandbox.iso(Date().addingTimeInterval(-20 * 86400))
        let path = "/orders/2026-01-01/orders?createdAfter=\(after)&marketplaceIds=\(us)&maxResultsPerPage=5"
        func inject(_ kind: String, status: Int = 500, delayMs: Int = 0) async throws {
            let a = try await s.call("POST", "/_sandbox/faults", json: ["operation": "searchOrders", "kind": kind, "status": status, "delayMs": delayMs, "count": 1])
            #expect(a.status == 200)
        }
        try await inject("status", status: 503)
        #expect(try await s.call("GET", path, token: token).status == 503)
        try await inject("delay", delayMs: 400)
        let t0 = Date()
        #expect(try await s.call("GET", path, token: token).status == 200)
        #expect(Date().timeIntervalSince(t0) >= 0.4)
        try await inject("reset")
        let reset = try await s.call("GET", path, token: token)
        #expect(reset.curlExit == 52)  // empty reply: connection closed without a response
        try await inject("truncate")
        let truncated = try await s.call("GET", path, token: token)
        #expect(truncated.curlExit == 18)  // partial file: fewer bytes than Content-Length
        try await inject("malformed")
        let malformed = try await s.call("GET", path, token: token)
        #expect(malformed.status == 200 && malformed.json == nil)
        try await inject("wrongTypes")
        let wrong = try await s.call("GET", path, token: token)
        let first = (wrong.object["orders"] as? [[String: Any]])?.first
        #expect(first?["orderId"] != nil && !(first?["orderId"] is String))
        try await inject("unknownEnum")
        #expect(try await s.call("GET", path, token: token).text.contains("SANDBOX_UNKNOWN_VALUE"))
        let storm = try await s.call("POST", "/_sandbox/faults", json: ["operation": "*", "kind": "throttle", "count": 3])
        #expect(storm.status == 200)
        for _ in 0..<3 { #expect(try await s.call("GET", path, token: token).status == 429) }
        #expect(try await s.call("GET", path, token: token).status == 200)
        let counts = try await s.call("GET", "/_sandbox/counts").object
        let ops = (counts["operations"] as? [String: Any])?["searchOrders"] as? [String: Any]
        #expect(ops?["faulted"] as? Int == 7)
        #expect(ops?["throttled"] as? Int == 3)
        _ = try await s.call("DELETE", "/_sandbox/counts")
        #expect((try await s.call("GET", "/_sandbox/counts").object["operations"] as? [String: Any])?.isEmpty == true)
    }
}

@Suite struct SandboxFeedTests {
    @Test func feedRoundTripReallyChangesListingQuantity() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        _ = try await s.call("POST", "/_sandbox/listings", json: ["sku": "ROUND-TRIP", "marketplace": "UK", "quantity": 3, "fulfillment": "MFN"])
        let doc = try await s.call("POST", "/feeds/2021-06-30/documents", token: token, json: ["contentType": "application/json; charset=UTF-8"])
        #expect(doc.status == 201)
        let url = try #require(doc.object["url"] as? String)
        let docId = try #require(doc.object["feedDocumentId"] as? String)
        let feed: [String: Any] = [
            "header": ["sellerId": "A2SANDBOXSELLER", "version": "2.0"],
            "messages": [
                ["messageId": 1, "sku": "ROUND-TRIP", "operationType": "PATCH", "productType": "PRODUCT",
                 "patches": [["op": "replace", "path": "/attributes/fulfillment_availability",
                              "value": [["fulfillment_channel_code": "DEFAULT", "quantity": 17]]]]],
                ["messageId": 2, "sku": "ROUND-TRIP", "operationType": "PATCH", "productType": "PRODUCT",
                 "patches": [["op": "replace", "path": "/attributes/fulfillment_availability",
                              "value": [["fulfillment_channel_code": "DEFAULT", "quantity": -4]]]]],
            ],
        ]
        #expect(try await s.call("PUT", url, json: feed).status == 200)
        let created = try await s.call("POST", "/feeds/2021-06-30/feeds", token: token, json: ["feedType": "JSON_LISTINGS_FEED", "marketplaceIds": [uk], "inputFeedDocumentId": docId])
        #expect(created.status == 202)
        let feedId = try #require(created.object["feedId"] as? String)
        #expect(try await s.call("GET", "/feeds/2021-06-30/feeds/\(feedId)", token: token).object["processingStatus"] as? String == "IN_QUEUE")
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 45])
        #expect(try await s.call("GET", "/feeds/2021-06-30/feeds/\(feedId)", token: token).object["processingStatus"] as? String == "IN_PROGRESS")
        _ = try await s.call("POST", "/_sandbox/clock/advance", json: ["seconds": 60])
        let done = try await s.call("GET", "/feeds/2021-06-30/feeds/\(feedId)", token: token).object
        #expect(done["processingStatus"] as? String == "DONE")
        let resultId = try #require(done["resultFeedDocumentId"] as? String)
        let resultDoc = try await s.call("GET", "/feeds/2021-06-30/documents/\(resultId)", token: token)
        let report = try await s.call("GET", try #require(resultDoc.object["url"] as? String)).object
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["messagesAccepted"] as? Int == 1)
        #expect(summary?["messagesInvalid"] as? Int == 1)
        #expect(((report["issues"] as? [[String: Any]])?.first)?["messageId"] as? Int == 2)
        let listing = try await s.call("GET", "/_sandbox/listings/UK/ROUND-TRIP").object
        #expect(listing["quantity"] as? Int == 17)
    }

    @Test func patchListingsItemAcceptsQuantityAndRejectsBadPatch() async throws {
        let s = try await RunningSandbox.start()
        defer { s.stop() }
        let token = try await s.token()
        _ = try await s.call("POST", "/_sandbox/listings", json: ["sku": "PATCHED", "marketplace": "US", "quantity": 1])
        let ok = try await s.call("PATCH", "/listings/2021-08-01/items/A2SANDBOXSELLER/PATCHED?marketplaceIds=\(us)", token: token, json: [
            "productType": "PRODUCT",
            "patches": [["op": "replace", "path": "/attributes/fulfillment_availability", "value": [["fulfillment_channel_code": "DEFAULT", "quantity": 9]]]],
        ])
        #expect(ok.object["status"] as? String == "ACCEPTED")
        let bad = try await s.call("PATCH", "/listings/2021-08-01/items/A2SANDBOXSELLER/PATCHED?marketplaceIds=\(us)", token: token, json: [
            "productType": "PRODUCT",
            "patches": [["op": "replace", "path": "/attributes/fulfillment_availability", "value": [["fulfillment_channel_code": "DEFAULT", "quantity": "lots"]]]],
        ])
        #expect(bad.object["status"] as? String == "INVALID")
        let get = try await s.call("GET", "/listings/2021-08-01/items/A2SANDBOXSELLER/PATCHED?marketplaceIds=\(us)", token: token).object
        #expect(((get["fulfillmentAvailability"] as? [[String: Any]])?.first)?["quantity"] as? Int == 9)
    }
}
