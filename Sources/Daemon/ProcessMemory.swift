import Foundation
import Glibc

/// This process's memory as Linux keeps it: what is resident, and giving back what an idle daemon does not need.
///
/// A sync cycle runs most of the daemon's code: the kernel maps the executable's and libraries' pages (and, on recent
/// kernels, whole page-cache folios around them) and keeps them resident after the cycle, about 25 MiB of clean file
/// pages, and glibc keeps freed heap in its arenas. Both are reclaimable, but they count as the service's memory
/// (VmRSS, and the unit's cgroup charge) until the kernel is under pressure.
enum ProcessMemory {
    /// What `trim()` gave back, in KiB of VmRSS.
    struct Trim: Equatable {
        var residentBeforeKiB: Int
        var residentAfterKiB: Int
        /// Private file mappings advised.
        var mappings: Int
    }

    /// VmRSS in KiB (0 if /proc is not readable).
    static func residentKiB() -> Int {
        status(field: "VmRSS:")
    }

    /// CPU time (user + system) this process has used so far.
    static func cpuTime() -> Duration {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    /// Returns free heap to the kernel and pages out the clean pages of private file mappings (code and constants of
    /// the executable and its libraries; in a Swift executable the large `.rodata` sits in a writable segment, whose
    /// untouched pages are as clean as code). Pages another process maps stay (the kernel skips them), and so do pages
    /// this process wrote, unless the machine has swap; the ones paged out are read again, from the page cache or the
    /// disk, when code runs next. `MADV_RANDOM` keeps an idle daemon's rare
    /// faults to the page it needs instead of read-ahead windows; `restoreReadahead()` undoes it before work.
    static func trim() -> Trim {
        let before = residentKiB()
        releaseFreeHeap()
        let mappings = privateFileMappings()
        for mapping in mappings {
            _ = madvise(mapping.start, mapping.length, MADV_RANDOM)
            _ = madvise(mapping.start, mapping.length, MADV_PAGEOUT)
        }
        return Trim(residentBeforeKiB: before, residentAfterKiB: residentKiB(), mappings: mappings.count)
    }

    /// Gives the private file mappings normal read-ahead again (a sync cycle faults in most of the code).
    static func restoreReadahead() {
        for mapping in privateFileMappings() {
            _ = madvise(mapping.start, mapping.length, MADV_NORMAL)
        }
    }

    /// glibc's `malloc_trim(0)`: releases the free memory at the top of the heap and the free pages inside every
    /// arena. Looked up at run time: Swift's Glibc module does not export it, and other C libraries lack it.
    private static func releaseFreeHeap() {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }

    struct Mapping {
        var start: UnsafeMutableRawPointer
        var length: Int
    }

    /// Private mappings backed by a file (`/proc/self/maps`: `r-xp`, `r--p`, `rw-p` with a path).
    static func privateFileMappings() -> [Mapping] {
        guard let maps = procFile("/proc/self/maps") else { return [] }
        var mappings: [Mapping] = []
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[1].count == 4, fields[1].hasPrefix("r"), fields[1].hasSuffix("p"),
                  fields[5].drop(while: { $0 == " " }).hasPrefix("/") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let pointer = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            mappings.append(Mapping(start: pointer, length: Int(end - start)))
        }
        return mappings
    }

    private static func status(field: String) -> Int {
        guard let status = procFile("/proc/self/status") else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }

    /// A /proc file read whole: they report a size of 0, so read until the end instead of trusting the size.
    private static func procFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
