import ArgumentParser
import InvSyncInterface

/// `invsyncctl order ship ID --carrier X --tracking Y [--line L:Q]…` ↔ `io.invsync.Inventory.CreateShipment` (R21).
struct OrderShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Record that you shipped an MFN Amazon order; the confirmation goes to Amazon on its own.")
    @OptionGroup var options: ControlOptions
    @Argument(help: "The local id or the Amazon order id.") var id: String
    @Option(help: "The carrier, e.g. UPS, USPS, FedEx, DHL, Royal Mail (others are sent by name).") var carrier: String
    @Option(help: "The package's tracking number.") var tracking: String
    @Option(name: .customLong("line"), help: "LINE:QTY for a partial shipment (repeat); default every unshipped unit.")
    var lines: [String] = []

    func validate() throws {
        for line in lines where Self.parse(line) == nil {
            throw ValidationError("--line \(line) is not LINE:QTY with a positive quantity, e.g. 53745892:1")
        }
    }

    static func parse(_ text: String) -> InventoryInterface.ShipmentLine? {
        guard let colon = text.lastIndex(of: ":"), let q = Int(text[text.index(after: colon)...]), q > 0 else { return nil }
        let id = String(text[..<colon])
        return id.isEmpty ? nil : InventoryInterface.ShipmentLine(lineId: id, quantity: q)
    }

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            InventoryInterface.Method.createShipment.qualified,
            InventoryInterface.CreateShipmentParameters(
                order: id, carrier: carrier, trackingNumber: tracking, lines: lines.isEmpty ? nil : lines.compactMap(Self.parse)),
            returning: InventoryInterface.CreateShipmentReply.self)
        if options.json { return JSONOutput.print(reply) }
        let s = reply.shipment
        print("shipment \(s.id): package \(s.packageReference) of order \(s.amazonOrderId) (\(s.channel)), \(s.carrier) \(s.trackingNumber)")
        print("confirmation on Amazon: \(s.confirmation.rawValue)")
        var table = TextTable(header: ["LINE", "QTY"])
        for l in s.lines { table.rows.append([l.lineId, String(l.quantity)]) }
        print(table.render())
    }
}
