import Foundation

/// Runs named measurements several times and reports medians with the machine they ran on.
struct BenchmarkRunner {
    struct Result {
        var name: String
        var unit: String
        var samples: [Double]
        var target: String
        /// Whether the median meets `target`; nil when the figure has no target.
        var passed: Bool?
        var note: String
        var verdict: String { passed.map { $0 ? "met" : "MISSED" } ?? "" }
        var median: Double {
            let sorted = samples.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    var results: [Result] = []

    /// Measures `body` `repetitions` times; each run returns one sample in `unit`.
    /// `meets` judges the median against `target`.
    mutating func measure(_ name: String, unit: String, target: String = "", meets: ((Double) -> Bool)? = nil,
                          note: String = "", repetitions: Int, _ body: @Sendable () async throws -> Double) async rethrows {
        var samples: [Double] = []
        for _ in 0..<repetitions { samples.append(try await body()) }
        record(name, unit: unit, target: target, meets: meets, note: note, samples: samples)
    }

    /// Records samples measured elsewhere and prints their median.
    mutating func record(_ name: String, unit: String, target: String = "", meets: ((Double) -> Bool)? = nil,
                         note: String = "", samples: [Double]) {
        var result = Result(name: name, unit: unit, samples: samples, target: target, passed: nil, note: note)
        result.passed = meets.map { $0(result.median) }
        results.append(result)
        print(String(format: "%-52@ median %10@ %@  %@ %@  (runs: %@)", name as NSString, Self.figure(result.median, unit) as NSString,
                     unit as NSString, target as NSString, result.verdict as NSString,
                     samples.map { Self.figure($0, unit) }.joined(separator: ", ") as NSString))
    }

    /// A figure as the table shows it: ratios to two decimals (a target such as ≥ 0.5 is decided at that scale, and
    /// one decimal would show 0.49 as 0.5), everything else to one.
    static func figure(_ value: Double, _ unit: String) -> String {
        String(format: unit == "ratio" ? "%.2f" : "%.1f", value)
    }

    /// The machine's description: CPU model, cores, memory, kernel.
    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) } ?? 0
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memKB / 1_048_576)) GiB, Linux \(kernel)"
    }

    /// The results as a Markdown table.
    func markdown(title: String) -> String {
        var text = "## \(title)\n\nMachine: \(Self.machine())  \nDate: \(AmazonTimeFormat.now())\n\n"
        text += "| benchmark | median | unit | runs | target | verdict | note |\n|---|---:|---|---|---|---|---|\n"
        for r in results {
            text += "| \(r.name) | \(Self.figure(r.median, r.unit)) | \(r.unit) | \(r.samples.map { Self.figure($0, r.unit) }.joined(separator: ", ")) | \(r.target) | \(r.verdict) | \(r.note) |\n"
        }
        return text + "\n"
    }
}

enum AmazonTimeFormat {
    static func now() -> String { Date().formatted(Date.ISO8601FormatStyle()) }
}
