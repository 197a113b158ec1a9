import Logging

/// Maps swift-log levels to syslog priorities (sd-daemon.h SD_ERR etc.) and to compact codes.
enum JournalPriority {
    /// The syslog priority journald stores in `PRIORITY`.
    static func syslog(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func code(of level: Logger.Level) -> UInt8 {
        switch level {
        case .trace: return 0
        case .debug: return 1
        case .info: return 2
        case .notice: return 3
        case .warning: return 4
        case .error: return 5
        case .critical: return 6
        }
    }

    static func level(of code: UInt8) -> Logger.Level {
        switch code {
        case 0: return .trace
        case 1: return .debug
        case 2: return .info
        case 3: return .notice
        case 4: return .warning
        case 5: return .error
        default: return .critical
        }
    }
}
