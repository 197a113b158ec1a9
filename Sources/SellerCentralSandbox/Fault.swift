/// A misbehaviour the operator asked the sandbox to inject into the next requests of an operation.
struct Fault: Sendable {
    enum Kind: String, Sendable {
        case status, delay, reset, truncate, malformed, wrongTypes, unknownEnum, throttle
        /// The next reports created end FATAL or CANCELLED instead of DONE (operation createReport).
        case fatal, cancelled

        /// Whether the fault decides how a report ends rather than how the request is answered.
        var isReportOutcome: Bool { self == .fatal || self == .cancelled }
    }
    let operation: String
    let kind: Kind
    let status: Int
    let delayMs: Int
    var remaining: Int
    /// For report outcomes: only reports of this type (nil: any report).
    var reportType: String? = nil
}

/// What the handler decided to send, before faults shape the bytes on the wire.
struct Reply: Sendable {
    var status: Int
    var body: [UInt8]
    var headers: [(String, String)] = []
    var contentType = "application/json"
    /// Set when a fault asks the transport to misbehave.
    var wire: Wire = .normal

    enum Wire: Sendable { case normal, reset, truncate, delay(Int) }
}
