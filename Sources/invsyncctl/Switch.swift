import ArgumentParser

/// `on` or `off` on the command line.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
