import InvSyncInterface
import Logging
import Varlink

/// Serves `io.invsync.Daemon`: decodes each call, asks the runtime, encodes the answer.
struct DaemonControlHandler: VarlinkInterfaceHandler {
    let interface: VarlinkInterface
    let runtime: DaemonRuntime
    let authorizer: ControlAuthorizer

    init(runtime: DaemonRuntime, authorizer: ControlAuthorizer) throws {
        self.interface = try VarlinkInterface(parsing: InvSyncIDL.daemon)
        self.runtime = runtime
        self.authorizer = authorizer
    }

    func handle(_ call: VarlinkCall, replies: some VarlinkReplySender) async throws {
        try await authorizer.authorize(call)
        switch DaemonInterface.Method(rawValue: call.method) {
        case .getStatus:
            let status = try await ControlErrors.translate { try await runtime.status() }
            try await replies.send(status, continues: false)
        case .reload:
            let changes = try await ControlErrors.translate { try await runtime.reload(trigger: "control") }
            try await replies.send(DaemonInterface.ReloadReply(changes: changes), continues: false)
        case .setLogLevel:
            let parameters = try call.decode(DaemonInterface.SetLogLevelParameters.self)
            await runtime.setLogLevel(Logger.Level(parameters.level), uid: call.peer.uid)
            try await replies.send(DaemonInterface.NoReply(), continues: false)
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
