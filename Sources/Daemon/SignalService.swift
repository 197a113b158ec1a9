import Logging
import ServiceLifecycle
import Systemd
import UnixSignals

/// Turns SIGHUP into a reload, and the start of a graceful shutdown into STOPPING=1.
struct SignalService: Service {
    let runtime: DaemonRuntime
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            // A refused reload is logged by the runtime; the daemon keeps running on the old configuration.
            _ = try? await runtime.reload(trigger: "SIGHUP")
        }
        await runtime.markStopping()
        SystemdNotifier.stopping(status: "Stopping")
        logger.notice("graceful shutdown started")
    }
}
