/// Describes, in words, what a reload changes between two configurations.
enum ConfigurationChanges {
    static func between(_ old: Configuration, _ new: Configuration) -> [String] {
        var changes: [String] = []
        if old.daemon.logLevel != new.daemon.logLevel {
            changes.append("log level \(old.daemon.logLevel) → \(new.daemon.logLevel)")
        }
        if old.daemon.controlGroup != new.daemon.controlGroup {
            changes.append("control group \(old.daemon.controlGroup ?? "none") → \(new.daemon.controlGroup ?? "none")")
        }
        if old.daemon.stateDirectory != new.daemon.stateDirectory {
            changes.append("state_directory changed: takes effect at the next restart")
        }
        if old.daemon.controlSocket != new.daemon.controlSocket {
            changes.append("control_socket changed: takes effect at the next restart")
        }
        if old.organization != new.organization {
            changes.append("organization settings updated: warehouse rules apply now; the channels' Amazon checks (R2) use them after the next restart")
        }
        let oldChannels = Dictionary(uniqueKeysWithValues: old.channels.map { ($0.name, $0) })
        let newChannels = Dictionary(uniqueKeysWithValues: new.channels.map { ($0.name, $0) })
        for name in newChannels.keys.sorted() {
            if let before = oldChannels[name] {
                if before != newChannels[name] { changes.append("channel \(name) updated: its new credentials and endpoints take effect at the next restart") }
            } else {
                changes.append("channel \(name) added: it starts syncing at the next restart (systemctl restart invsyncd)")
            }
        }
        for name in oldChannels.keys.sorted() where newChannels[name] == nil {
            changes.append("channel \(name) removed from the configuration: kept inactive, its data is kept")
        }
        return changes
    }
}
