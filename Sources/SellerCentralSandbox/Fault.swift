/// A misbehaviour the operator asked the sandbox to inject into the next requests of an operation.
struct Fault: Sendable {
    enum Kind: String, Sendable { case status, delay, reset, truncate, malformed, wrongTypes, unknownEnum, throttle }
    let operation: String
    let kind: Kind
    let status: Int
    let delayMs: Int
    var remaining: Int
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
