import CCurl
import Dispatch
import Foundation
import SellingPartner

/// An `HTTPTransport` on libcurl easy handles, run on Dispatch threads of their own and reused for keep-alive.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: the handle pool is guarded by `lock`; a handle is used by one request at a time.
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []
    private let maxIdle: Int
    private let connectTimeout: Duration

    private static let globalInit: Void = {
        // CURL_GLOBAL_ALL (SSL | WIN32); must run once before any thread uses libcurl.
        _ = curl_global_init(3)
    }()

    public init(connectTimeout: Duration = .seconds(10), maxIdleHandles: Int = 4) {
        Self.globalInit
        self.connectTimeout = connectTimeout
        self.maxIdle = maxIdleHandles
    }

    deinit {
        for handle in idle { curl_easy_cleanup(UnsafeMutableRawPointer(handle)) }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            // Blocking curl_easy_perform runs on a Dispatch thread, never on the threads Swift's tasks run on. On Linux
            // those are the global default-QoS pool, which a concurrent queue would share: a few requests waiting on a
            // slow server then held every thread and the control socket's replies waited up to the pool monitor's next
            // round (hundreds of ms). A serial queue targets the overcommitting pool, which adds a thread when all are
            // busy, so each request in flight has its own.
            DispatchQueue(label: "invsync.curl.request").async {
                continuation.resume(with: Result { try self.perform(request) })
            }
        }
    }

    private func checkout() -> OpaquePointer? {
        lock.lock()
        defer { lock.unlock() }
        if let handle = idle.popLast() { return handle }
        return curl_easy_init().map { OpaquePointer($0) }
    }

    private func checkin(_ handle: OpaquePointer) {
        lock.lock()
        if idle.count < maxIdle {
            idle.append(handle)
            lock.unlock()
        } else {
            lock.unlock()
            curl_easy_cleanup(UnsafeMutableRawPointer(handle))
        }
    }

    private static func milliseconds(_ d: Duration) -> Int {
        Int(d.components.seconds) * 1000 + Int(d.components.attoseconds / 1_000_000_000_000_000)
    }

    private func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let opaque = checkout() else { throw TransportError.other("curl_easy_init failed") }
        let handle = UnsafeMutableRawPointer(opaque)
        // Reset clears options but keeps the connection cache, so keep-alive survives across requests.
        curl_easy_reset(handle)
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passRetained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(headerList)
            Unmanaged<ResponseSink>.fromOpaque(sinkPointer).release()
        }

        _ = request.url.absoluteString.withCString { ccurl_setopt_ptr(handle, CURLOPT_URL, $0) }
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        // "" = every encoding this libcurl supports (gzip, deflate...), decoded transparently.
        _ = "".withCString { ccurl_setopt_ptr(handle, CURLOPT_ACCEPT_ENCODING, $0) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        if request.body != nil, !request.headers.contains(where: { $0.name.lowercased() == "expect" }) {
            // No "Expect: 100-continue" round trip: SP-API bodies are small.
            headerList = curl_slist_append(headerList, "Expect:")
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList)

        let method = request.method.uppercased()
        if let body = request.body {
            _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
            _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the Data may go away before perform ends.
            _ = body.withUnsafeBytes { ccurl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)) }
            if method != "POST" { _ = method.withCString { ccurl_setopt_ptr(handle, CURLOPT_CUSTOMREQUEST, $0) } }
        } else if method == "HEAD" {
            _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
        } else if method != "GET" {
            _ = method.withCString { ccurl_setopt_ptr(handle, CURLOPT_CUSTOMREQUEST, $0) }
        }

        _ = ccurl_setopt_write(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, sinkPointer)
        _ = ccurl_setopt_header(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(user).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            sink.headerLine(line)
            return size * count
        }
        _ = ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, sinkPointer)

        let code = curl_easy_perform(handle)
        if code != CURLE_OK {
            // A failed handle may hold a broken connection; drop it rather than pool it.
            curl_easy_cleanup(handle)
            throw Self.map(code)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        checkin(opaque)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    static func map(_ code: CURLcode) -> TransportError {
        let text = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SEND_ERROR: return .connectionReset
        case CURLE_PARTIAL_FILE, CURLE_BAD_CONTENT_ENCODING: return .truncatedBody
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .connectionFailed(text)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            return .tlsFailure(text)
        default: return .other(text)
        }
    }
}

/// Collects one response's headers and body from libcurl's callbacks.
private final class ResponseSink {
    var body = Data()
    var headers: [(name: String, value: String)] = []

    func headerLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a redirect) starts a fresh header block.
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers.append((name, value))
    }
}
