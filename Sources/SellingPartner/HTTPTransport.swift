import Foundation

/// Sends one HTTP request and returns the whole response; the only thing the client needs from the network.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
