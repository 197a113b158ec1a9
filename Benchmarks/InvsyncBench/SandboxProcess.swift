import Foundation

/// The release `spapi-sandbox` binary run as a child process on an ephemeral port.
final class SandboxProcess {
    let process = Process()
    let port: Int
    var base: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// `niceness`: run the sandbox under `nice -n` (it stands for Amazon's servers, which take no CPU on the seller's
    /// machine); nice execs the sandbox, so the process and its pid stay the sandbox's.
    init(binDir: String, arguments: [String], niceness: Int = 0) throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sandbox-\(getpid())-\(UUID().uuidString).port").path
        let sandbox = URL(fileURLWithPath: binDir).appendingPathComponent("spapi-sandbox")
        let sandboxArguments = ["--port", "0", "--port-file", portFile] + arguments
        if niceness == 0 {
            process.executableURL = sandbox
            process.arguments = sandboxArguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
            process.arguments = ["-n", "\(niceness)", sandbox.path] + sandboxArguments
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port = 0
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let p = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = p
                break
            }
            usleep(50_000)
        }
        try? FileManager.default.removeItem(atPath: portFile)
        guard port > 0 else {
            process.terminate()
            throw BenchmarkFailure("spapi-sandbox did not report its port within 30 s")
        }
        self.port = port
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
