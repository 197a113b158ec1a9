import Foundation
import InvSyncInterface
import Inventory
import InventoryStore
import Logging
import ServiceLifecycle
import SyncEngine
import Systemd
import Varlink

/// The composition root: reads the configuration once, opens the store, binds the control socket,
/// and runs every long-lived service in one `ServiceGroup` until SIGTERM or SIGINT.
public enum DaemonApplication {
    /// Exit status for a configuration that cannot be used (sysexits EX_CONFIG; the unit's
    /// RestartPreventExitStatus= keeps systemd from restarting into the same error).
    public static let exitBadConfiguration: Int32 = 78
    /// Exit status for a start-up failure other than the configuration (database, socket).
    public static let exitStartupFailure: Int32 = 1
    /// The scheduler slice of the threads that answer control calls: longer than a GetStatus takes, shorter than the
    /// 1.4 ms default of the sync's threads, so a woken control thread preempts them (`SchedulerSlice`, issue 6).
    static let controlThreadSlice: Duration = .microseconds(500)

    /// Starts from a clean signal state: a parent (a supervisor, a test runner, a shell with `trap '' HUP`) may hand
    /// the daemon blocked or ignored signals, and then SIGTERM or SIGHUP would never reach it. systemd starts services
    /// clean; this makes a hand start behave the same. Call it first, before threads exist.
    public static func resetSignalState() {
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
        for number in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2] { signal(number, SIG_DFL) }
    }

    /// `invsyncd --check-config`: prints every problem with its line; returns the exit status.
    public static func checkConfiguration(path: String) -> Int32 {
        let report = ConfigurationParser().check(path: path)
        for warning in report.warnings { FileHandle.standardError.write(Data("\(path): warning: \(warning)\n".utf8)) }
        writeProblems(report.problems, path: path)
        guard let configuration = report.configuration else {
            FileHandle.standardError.write(Data("\(path): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); the daemon would refuse to start\n".utf8))
            return exitBadConfiguration
        }
        print("\(path): configuration OK (\(configuration.channels.count) channel\(configuration.channels.count == 1 ? "" : "s"), state in \(configuration.daemon.stateDirectory))")
        return 0
    }

    /// Runs the daemon until it is told to stop; returns the exit status.
    public static func run(configPath: String) async -> Int32 {
        let started = Date()
        let startedClock = ContinuousClock.now
        let parser = ConfigurationParser()
        let report = parser.check(path: configPath)
        guard let configuration = report.configuration else {
            writeProblems(report.problems, path: configPath)
            FileHandle.standardError.write(Data("invsyncd: refusing to start: fix the configuration (check it with: invsyncd --check-config --config \(configPath))\n".utf8))
            return exitBadConfiguration
        }
        JournalLogHandler.bootstrap(identifier: "invsyncd", level: configuration.daemon.logLevel)
        let logger = Logger(label: "invsyncd")
        for warning in report.warnings {
            logger.warning("configuration warning", metadata: ["key": "\(warning.key)", "line": "\(warning.line ?? 0)", "problem": "\(warning.message)"])
        }
        do {
            let database = try openDatabase(configuration, logger: logger)
            try database.registerChannels(configuration.channels.map(\.channel))
            // No sync runs yet: a task still "running" belongs to a process that was killed.
            let interrupted = try database.failInterruptedTasks(now: Date())
            if interrupted > 0 {
                logger.notice("interrupted sync tasks marked failed", metadata: ["tasks": "\(interrupted)"])
            }
            let (listener, socketDescription) = try bindControlSocket(configuration, logger: logger)
            let runtime = DaemonRuntime(
                configuration: configuration, database: database, parser: parser,
                controlSocketDescription: socketDescription, startedAt: started, logger: logger)
            let authorizer = ControlAuthorizer(ownUID: geteuid(), controlGroupID: { await runtime.controlGroupID })
            let reaper = RetentionReaper(database: database, clock: SystemWallClock(), logger: logger)
            let environment = EngineComposition.environment(configuration, database: database, logger: logger)
            let engine = Engine(environment: environment, organization: configuration.organization, logger: logger)
            let server = VarlinkServer(
                listener: listener,
                info: VarlinkServiceInfo(vendor: "invsync", product: "invsyncd", version: DaemonVersion.current, url: "https://github.com/invsync/invsyncd"),
                handlers: [
                    try DaemonControlHandler(runtime: runtime, authorizer: authorizer, reaper: reaper, logger: logger),
                    try ChannelsControlHandler(runtime: runtime, authorizer: authorizer, logger: logger),
                    try SyncControlHandler(database: database, authorizer: authorizer, manual: engine.manual),
                    try InventoryControlHandler(database: database, authorizer: authorizer, logger: logger, fba: engine.fba)
                        .shipping(engine.shipping),
                    try PrivacyControlHandler(database: database, authorizer: authorizer, logger: logger),
                ],
                threadSlice: Self.controlThreadSlice,
                logger: logger)
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: server), .init(service: reaper)]
            // A scheduler ends on its own only when its channel is no longer declared: that must not stop the daemon.
            services += engine.services.map { .init(service: $0, successTerminationBehavior: .ignore) }
            let coordinator = engine.coordinator
            services.append(.init(service: IdleMemoryTrim(busy: { await coordinator.isBusy }, logger: logger)))
            if let interval = WatchdogSettings.interval() {
                services.append(.init(service: WatchdogService(interval: interval, probe: { await runtime.isHealthy() }, logger: logger)))
                logger.info("watchdog enabled", metadata: ["interval_ms": "\(interval.milliseconds)"])
            }
            // Last in the list: the first to hear of a graceful shutdown, so STOPPING=1 goes out at once.
            let signals = SignalService(runtime: runtime, logger: logger) {
                let startup = ContinuousClock.now - startedClock
                SystemdNotifier.ready(status: await runtime.statusLine()).report(to: logger, notification: "READY=1")
                logger.notice("daemon ready", metadata: [
                    "version": "\(DaemonVersion.current)", "channels": "\(configuration.channels.count)",
                    "socket": "\(socketDescription)", "startup_ms": "\(startup.milliseconds)",
                ])
            }
            services.append(.init(service: signals, successTerminationBehavior: .ignore))
            var groupConfiguration = ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            groupConfiguration.maximumGracefulShutdownDuration = .seconds(20)
            let group = ServiceGroup(configuration: groupConfiguration)
            try await group.run()
            // Manual runs are not children of the service group: cancelled here, each ends failed at its last stored
            // page (pages are whole, the cursor moves only with the last one). One the process could not end is marked
            // interrupted, so history shows none running.
            await engine.coordinator.stopAll()
            if let stopped = try? database.failInterruptedTasks(now: Date()), stopped > 0 {
                logger.notice("sync tasks interrupted by the stop marked failed", metadata: ["tasks": "\(stopped)"])
            }
            database.close()
            logger.notice("daemon stopped")
            return 0
        } catch let error as StartupError {
            logger.critical("start-up failed", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("invsyncd: \(error)\n".utf8))
            return exitStartupFailure
        } catch {
            logger.critical("daemon failed", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("invsyncd: \(error)\n".utf8))
            return exitStartupFailure
        }
    }

    /// One stderr line per problem, `path: line N: key: message`, as --check-config and a refused start print them.
    private static func writeProblems(_ problems: [ConfigurationProblem], path: String) {
        for problem in problems { FileHandle.standardError.write(Data("\(path): \(problem)\n".utf8)) }
    }

    private static func openDatabase(_ configuration: Configuration, logger: Logger) throws -> AppDatabase {
        let directory = configuration.daemon.stateDirectory
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StartupError.stateDirectory(path: directory, reason: ConfigurationParser.reason(error))
        }
        let path = (directory as NSString).appendingPathComponent("invsyncd.sqlite")
        let vaultKey: VaultKey?
        do {
            vaultKey = try SecretReader.vaultKey(configuration.daemon.vaultKey)
        } catch {
            throw StartupError.vaultKey(reason: "\(error)")
        }
        if vaultKey == nil, !configuration.channels.isEmpty {
            // Orders without buyer data still sync; an order that carries PII fails with the same advice.
            logger.warning("no PII vault key: orders carrying buyer data cannot be stored", metadata: [
                "fix": "set daemon.vault_key_file, or pass the systemd credential vault-key (LoadCredential=vault-key:/path)",
            ])
        }
        let database = try AppDatabase.open(path: path, vaultKey: vaultKey)
        // R22: Amazon orders are tracked in the primary warehouse by default.
        try database.setPrimaryWarehouse(name: configuration.organization.primaryWarehouse)
        logger.info("database open", metadata: ["path": "\(path)", "vault": "\(vaultKey == nil ? "locked" : "open")"])
        return database
    }

    private static func bindControlSocket(_ configuration: Configuration, logger: Logger) throws -> (VarlinkListener, String) {
        if let fd = SocketActivation.listenFileDescriptors().first {
            logger.info("control socket from systemd", metadata: ["fd": "\(fd)"])
            return (try VarlinkListener.adopt(fileDescriptor: fd), "the systemd socket")
        }
        let path = configuration.daemon.controlSocket
            ?? ProcessInfo.processInfo.environment["RUNTIME_DIRECTORY"].map { ($0 as NSString).appendingPathComponent("control.sock") }
            ?? "/run/invsyncd.sock"
        do {
            let listener = try VarlinkListener.bind(path: path, mode: 0o660, group: configuration.daemon.controlGroupID)
            logger.info("control socket bound", metadata: ["path": "\(path)"])
            return (listener, path)
        } catch {
            throw StartupError.controlSocket(path: path, reason: "\(error)")
        }
    }
}

/// Why the daemon could not start, with what to do.
enum StartupError: Error, CustomStringConvertible {
    case stateDirectory(path: String, reason: String)
    case controlSocket(path: String, reason: String)
    case secret(channel: String, reason: String)
    case vaultKey(reason: String)

    var description: String {
        switch self {
        case .stateDirectory(let path, let reason):
            return "cannot create the state directory \(path) (\(reason)); set daemon.state_directory to a writable directory"
        case .controlSocket(let path, let reason):
            return "cannot listen on the control socket \(path) (\(reason)); is another invsyncd running? set daemon.control_socket to a writable path"
        case .secret(let channel, let reason):
            return "channel \(channel): \(reason)"
        case .vaultKey(let reason):
            return "PII vault key: \(reason)"
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
