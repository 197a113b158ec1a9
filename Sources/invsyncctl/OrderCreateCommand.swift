import ArgumentParser
import InvSyncInterface

/// `invsyncctl order create --customer NAME --line SKU:QTY[:PRICE]… [address]` ↔ `CreateSalesOrder`.
struct OrderCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Record a local (offline) sale; give an address to ship its FBA lines by MCF.")
    @OptionGroup var options: ControlOptions
    @Option(help: "The customer's name (kept out of logs).") var customer: String
    @Option(name: .customLong("line"), help: "SKU:QTY or SKU:QTY:PRICE (repeat).") var lines: [String] = []
    @Option(help: "The currency of the prices (ISO 4217).") var currency = "USD"
    @Option(help: "The warehouse the seller-shipped lines leave (default: primary).") var warehouse: String?
    @Option(help: "Recipient name of the destination.") var name: String?
    @Option(name: .customLong("address-line"), help: "An address line of the destination (repeat, 1 to 3).") var addressLines: [String] = []
    @Option(help: "City of the destination.") var city: String?
    @Option(help: "State or region of the destination.") var state: String?
    @Option(name: .customLong("postal-code"), help: "Postal code of the destination.") var postalCode: String?
    @Option(help: "Country code of the destination, e.g. US.") var country: String?
    @Option(help: "Phone number of the recipient.") var phone: String?

    static func parse(_ text: String, currency: String) -> InventoryInterface.NewSalesOrderLine? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), !parts[0].isEmpty, let q = Int(parts[1]), q > 0 else { return nil }
        return InventoryInterface.NewSalesOrderLine(
            sku: parts[0], quantity: q, unitPrice: parts.count == 3 ? parts[2] : nil, currency: parts.count == 3 ? currency : nil)
    }

    var destination: InventoryInterface.Destination? {
        guard let name, let postalCode, let country, !addressLines.isEmpty else { return nil }
        return InventoryInterface.Destination(
            name: name, addressLines: addressLines, city: city, stateOrRegion: state, postalCode: postalCode,
            countryCode: country, phone: phone)
    }

    func validate() throws {
        if lines.isEmpty { throw ValidationError("give at least one --line SKU:QTY") }
        for line in lines where Self.parse(line, currency: currency) == nil {
            throw ValidationError("--line \(line) is not SKU:QTY or SKU:QTY:PRICE with a positive quantity")
        }
        let anyAddress = name != nil || postalCode != nil || country != nil || !addressLines.isEmpty || city != nil
        if anyAddress, destination == nil {
            throw ValidationError("a destination needs --name, --address-line, --postal-code and --country")
        }
    }

    func run() async throws {
        let reply = try await ControlConnection(options: options).call(
            InventoryInterface.Method.createSalesOrder.qualified,
            InventoryInterface.CreateSalesOrderParameters(
                customerName: customer, lines: lines.compactMap { Self.parse($0, currency: currency) }, warehouse: warehouse,
                destination: destination),
            returning: InventoryInterface.CreateSalesOrderReply.self)
        if options.json { return JSONOutput.print(reply) }
        let o = reply.order
        print("sales order \(o.id) for \(o.customerName) from \(o.warehouse); destination \(o.destination.rawValue)")
        var table = TextTable(header: ["LINE", "SKU", "QTY", "UNIT PRICE", "FULFILMENT"])
        for l in o.lines {
            table.rows.append([
                String(l.lineNumber), l.sku, String(l.quantity), l.unitPrice.map { "\($0) \(l.currency ?? "")" } ?? "-",
                l.fulfillment.rawValue,
            ])
        }
        print(table.render())
    }
}
