import Foundation
import Glibc
import Testing
@testable import Daemon

/// The idle daemon gives memory back (issue 6: idle RSS): when it decides to, and what the trim really releases.
@Suite struct IdleMemoryTests {
    private let interval = Duration.seconds(10)

    @Test func trimsOnceAfterTwoQuietChecksAndRestoresReadaheadWhenWorkResumes() {
        var policy = IdleTrimPolicy()
        // A sync cycle: busy, then its last interval still used CPU.
        #expect(policy.next(busy: true, cpu: .seconds(4), interval: interval) == .none)
        #expect(policy.next(busy: false, cpu: .seconds(2), interval: interval) == .none)
        // Quiet: no run and at most 1 % of a core; the second quiet check trims, later ones do not.
        #expect(policy.next(busy: false, cpu: .milliseconds(3), interval: interval) == .none)
        #expect(policy.next(busy: false, cpu: .milliseconds(100), interval: interval) == .trim)
        #expect(policy.next(busy: false, cpu: .zero, interval: interval) == .none)
        #expect(policy.next(busy: false, cpu: .zero, interval: interval) == .none)
        // Work resumes (a stock push uses CPU outside sync runs): read-ahead back, and a new idle spell trims again.
        #expect(policy.next(busy: false, cpu: .milliseconds(101), interval: interval) == .restoreReadahead)
        #expect(policy.next(busy: true, cpu: .zero, interval: interval) == .none)
        #expect(policy.next(busy: false, cpu: .zero, interval: interval) == .none)
        #expect(policy.next(busy: false, cpu: .zero, interval: interval) == .trim)
    }

    @Test func aRunInProgressIsNeverIdleEvenWithoutCPU() {
        var policy = IdleTrimPolicy()
        for _ in 0..<5 {
            // A run waiting for Amazon's rate limit uses no CPU but holds its state.
            #expect(policy.next(busy: true, cpu: .zero, interval: interval) == .none)
        }
    }

    /// A file mapped read-only and read whole is resident; the trim pages it out of this process and the page cache.
    @Test func trimPagesOutReadOnlyFileMappings() throws {
        let size = 8 << 20
        // Next to the test binary, not in a temporary directory that may be a tmpfs (whose pages cannot be paged out
        // without swap); written and synced, so the page cache holds clean pages as it does for an executable.
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("idle-trim-\(getpid()).bin").path
        defer { unlink(path) }
        let handle = try #require(FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }())
        try handle.write(contentsOf: Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        try handle.synchronize()
        try handle.close()
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let mapped = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0))
        #expect(mapped != MAP_FAILED)
        defer { munmap(mapped, size) }
        var sum = 0
        for offset in stride(from: 1, to: size, by: 4096) { sum &+= Int(mapped.load(fromByteOffset: offset, as: UInt8.self)) }
        #expect(sum > 0)
        #expect(residentPages(mapped, size) == size / 4096)
        #expect(ProcessMemory.privateFileMappings().contains { $0.start == mapped && $0.length == size })

        let trim = ProcessMemory.trim()
        #expect(trim.mappings > 0)
        #expect(trim.residentBeforeKiB > 0 && trim.residentAfterKiB > 0)
        // Mapped by this process only, so the kernel could drop every page (dirty none: a read-only private mapping).
        #expect(residentPages(mapped, size) < size / 4096 / 10)
        // The data is still there: read again from the file.
        #expect(mapped.load(fromByteOffset: 4096 * 3 + 1, as: UInt8.self) == UInt8(truncatingIfNeeded: (4096 * 3 + 1) &* 31))
        ProcessMemory.restoreReadahead()
    }

    @Test func residentAndCPUFiguresAreRead() {
        #expect(ProcessMemory.residentKiB() > 1024)
        let before = ProcessMemory.cpuTime()
        var x = 0.0
        for i in 0..<2_000_000 { x += Double(i).squareRoot() }
        #expect(x > 0)
        #expect(ProcessMemory.cpuTime() > before)
    }

    /// Pages of [start, start+length) in memory, by mincore(2).
    private func residentPages(_ start: UnsafeMutableRawPointer, _ length: Int) -> Int {
        var vector = [UInt8](repeating: 0, count: (length + 4095) / 4096)
        guard mincore(start, length, &vector) == 0 else { return -1 }
        return vector.reduce(0) { $0 + Int($1 & 1) }
    }
}
