import Foundation

/// The `Environment=` settings of the repository's systemd unit, so the benchmarked daemon runs as the unit runs it.
enum UnitEnvironment {
    /// Reads `systemd/invsyncd.service` (relative to the working directory, where `make bench` runs); empty without it.
    static func load(path: String = "systemd/invsyncd.service") -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("Environment=") {
            // One or more space-separated NAME=VALUE assignments (no quoting is used in our unit).
            for assignment in line.dropFirst("Environment=".count).split(separator: " ") {
                let parts = assignment.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { environment[String(parts[0])] = String(parts[1]) }
            }
        }
        return environment
    }
}
