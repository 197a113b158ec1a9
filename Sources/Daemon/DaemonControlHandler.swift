import InvSyncInterface
import Foundation
import Logging
import SyncEngine
import Varlink

/// Serves `io.invsync.Daemon`: decodes each call, asks the runtime, encodes the answer.
struct DaemonControlHandler: VarlinkInterfaceHandler {
    let interface: VarlinkInterface
    let runtime: DaemonRuntime
    let authorizer: ControlAuthorizer
    /// Answers `Reap`; the same reaper runs on its own interval as a service.
    let reaper: RetentionReaper
    let logger: Logger

    init(runtime: DaemonRuntime, authorizer: ControlAuthorizer, reaper: RetentionReaper, logger: Logger) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.daemon)
        self.runtime = runtime
        self.authorizer = authorizer
        self.reaper = reaper
        self.logger = logger
    }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        try await authorizer.authorize(call)
        switch DaemonInterface.Method(rawValue: call.method) {
        case .getStatus:
            let status = try await ControlErrors.translate { try await runtime.encodedStatus() }
            try await replies.send(status, continues: false)
        case .reload:
            let changes = try await ControlErrors.translate { try await runtime.reload(trigger: "control") }
            try await replies.send(DaemonInterface.ReloadReply(changes: changes), continues: false)
        case .setLogLevel:
            let parameters = try call.decode(DaemonInterface.SetLogLevelParameters.self)
            await runtime.setLogLevel(Logger.Level(parameters.level), uid: call.peer.uid)
            try await replies.send(DaemonInterface.NoReply(), continues: false)
        case .reap:
            let parameters = try call.decode(DaemonInterface.ReapParameters.self)
            let dryRun = parameters.dryRun ?? false
            let (history, pii) = try await ControlErrors.translate { try await reaper.reap(now: Date(), dryRun: dryRun) }
            logger.notice("reap requested", metadata: [
                "dry_run": "\(dryRun)", "history": "\(history)", "pii": "\(pii)", "uid": "\(call.peer.uid)",
            ])
            try await replies.send(DaemonInterface.ReapReply(historyDeleted: history, piiPurged: pii), continues: false)
        case nil:
            throw VarlinkError.methodNotFound("\(call.interface).\(call.method)")
        }
    }
}

extension Logger.Level {
    init(_ level: DaemonInterface.LogLevel) {
        self = Logger.Level(rawValue: level.rawValue) ?? .info
    }
}
