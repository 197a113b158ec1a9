import Foundation
import SellerCentralSandbox

/// A sandbox server running in-process on an ephemeral port, spoken to over real HTTP with curl(1).
struct RunningSandbox {
    let base: String
    let task: Task<Void, any Error>

    static func start(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> RunningSandbox {
        var c = SandboxConfiguration()
        c.port = 0
        c.listings = 120
        c.orders = 300
        c.rateScale = 10000
        adjust(&c)
        let configuration = c
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await SandboxServer(configuration: configuration).run(signals: false) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return RunningSandbox(base: "http://127.0.0.1:\(port)", task: task)
    }

    func stop() { task.cancel() }

    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data
        let curlExit: Int32
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var errorCode: String? { ((object["errors"] as? [[String: Any]])?.first)?["code"] as? String }
    }

    /// One HTTP exchange via curl; the curl exit code tells resets (52) and short bodies (18) apart.
    func call(_ method: String, _ path: String, token: String? = nil, json: Any? = nil, form: String? = nil, raw: String? = nil) async throws -> Answer {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let headerFile = dir.appendingPathComponent("h").path
        let bodyFile = dir.appendingPathComponent("b").path
        var args = ["-s", "-X", method, "-D", headerFile, "-o", bodyFile, "--max-time", "20", path.hasPrefix("http") ? path : base + path]
        if let token { args += ["-H", "x-amz-access-token: \(token)"] }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            args += ["-H", "content-type: application/json", "--data-binary", String(decoding: data, as: UTF8.self)]
        }
        if let form { args += ["-H", "content-type: application/x-www-form-urlencoded", "--data-binary", form] }
        if let raw { args += ["-H", "content-type: application/json", "--data-binary", raw] }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = args
        // Wait without blocking a cooperative thread: the in-process server needs them to answer.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            p.terminationHandler = { _ in done.resume() }
            do { try p.run() } catch { done.resume() }
        }
        let headerText = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        var headers: [String: String] = [:]
        var status = 0
        for line in headerText.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") { status = Int(line.split(separator: " ")[1]) ?? 0; continue }
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let body = (try? Data(contentsOf: URL(fileURLWithPath: bodyFile))) ?? Data()
        return Answer(status: status, headers: headers, body: body, curlExit: p.terminationStatus)
    }

    func token() async throws -> String {
        let a = try await call("POST", "/auth/o2/token", form: "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret")
        return a.object["access_token"] as? String ?? ""
    }

    static func iso(_ d: Date) -> String { d.formatted(Date.ISO8601FormatStyle()) }
}
