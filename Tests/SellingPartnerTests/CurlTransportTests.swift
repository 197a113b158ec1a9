import CurlTransport
import Foundation
import SellingPartner
import Testing

@Suite struct CurlTransportTests {
    @Test func completeResponseWithHeadersAndBody() async throws {
        let server = try LoopbackServer(replies: [LoopbackServer.response(201, #"{"ok":true}"#, headers: ["x-amzn-RateLimit-Limit: 0.5"])])
        defer { server.stop() }
        let transport = CurlTransport()
        let response = try await transport.send(HTTPRequest(method: "PUT", url: server.url.appendingPathComponent("/doc"),
                                                            headers: [("content-type", "text/tab-separated-values")], body: Data("a\tb".utf8)))
        #expect(response.status == 201)
        #expect(response.header("X-AMZN-RATELIMIT-LIMIT") == "0.5")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        let request = server.requests.first ?? ""
        #expect(request.hasPrefix("PUT /doc HTTP/1.1"))
        #expect(request.hasSuffix("a\tb"))
        #expect(request.lowercased().contains("accept-encoding:"))
    }

    @Test func resetBecomesConnectionReset() async throws {
        let server = try LoopbackServer(replies: [.reset])
        defer { server.stop() }
        await #expect(throws: TransportError.connectionReset) {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url))
        }
    }

    @Test func shortBodyBecomesTruncatedBody() async throws {
        let server = try LoopbackServer(replies: [.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"payload\":")])
        defer { server.stop() }
        // libcurl reports this as PARTIAL_FILE or RECV_ERROR depending on timing; both are typed and retryable.
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url))
            Issue.record("no error")
        } catch let error as TransportError {
            #expect(error == .truncatedBody || error == .connectionReset)
        }
    }

    @Test func silentPeerTimesOut() async throws {
        let server = try LoopbackServer(replies: [.raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")])
        defer { server.stop() }
        // The reply promises 10 bytes, never sends them and the server closes: either truncated or timed out.
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url, timeout: .milliseconds(500)))
            Issue.record("no error")
        } catch let error as TransportError {
            #expect(error == .truncatedBody || error == .timeout)
        }
    }

    @Test func refusedConnectionIsConnectionFailed() async throws {
        let server = try LoopbackServer(replies: [])
        let url = server.url
        server.stop()
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: url))
            Issue.record("no error")
        } catch TransportError.connectionFailed {
        }
    }
}
