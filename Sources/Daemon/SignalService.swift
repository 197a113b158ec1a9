import Logging
import ServiceLifecycle
import Systemd
import UnixSignals

/// Turns SIGHUP into a reload, and the start of a graceful shutdown into STOPPING=1. It announces
/// readiness: by the time it runs, the service group traps SIGTERM/SIGINT and it traps SIGHUP, so no
/// signal systemd sends after READY=1 can kill the daemon uncleanly.
struct SignalService: Service {
    let runtime: DaemonRuntime
    let logger: Logger
    let announceReady: @Sendable () async -> Void

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await announceReady()
        for await _ in hangups.cancelOnGracefulShutdown() {
            // A refused reload is logged by the runtime; the daemon keeps running on the old configuration.
            _ = try? await runtime.reload(trigger: "SIGHUP")
        }
        await runtime.markStopping()
        SystemdNotifier.stopping(status: "Stopping").report(to: logger, notification: "STOPPING=1")
        logger.notice("graceful shutdown started")
    }
}
