import Foundation

/// Secrets passed by systemd's `LoadCredential=`, in `$CREDENTIALS_DIRECTORY`.
public enum SystemdCredentials {
    /// The path of credential `name` when systemd passed it, else nil.
    public static func path(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let directory = environment["CREDENTIALS_DIRECTORY"], !name.contains("/") else { return nil }
        let path = (directory as NSString).appendingPathComponent(name)
        return FileManager.default.isReadableFile(atPath: path) ? path : nil
    }
}
