/// The version every binary of this package reports.
public enum DaemonVersion {
    public static let current = "0.1.0"
}
