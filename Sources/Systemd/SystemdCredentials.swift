import Glibc

/// Finds credentials that systemd passed with `LoadCredential=` under `$CREDENTIALS_DIRECTORY`.
public enum SystemdCredentials {
    /// The path of credential `name`, or nil when there is no credentials directory or no such regular file.
    public static func path(named name: String) -> String? {
        // A name with a slash could escape the directory; systemd credential names never contain one.
        guard !name.isEmpty, !name.contains("/"), name != ".", name != "..",
              let directory = getenv("CREDENTIALS_DIRECTORY").map({ String(cString: $0) }), !directory.isEmpty
        else { return nil }
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return path
    }
}
