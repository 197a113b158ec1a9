import ArgumentParser
import Foundation
import InvSyncInterface

/// `invsyncctl privacy reveal|package-slip|shipment-slip` ↔ `io.invsync.Privacy` (buyer data, audited).
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "Buyer data for fulfilment and on demand (root only; every call is audited).",
        subcommands: [Reveal.self, PackageSlip.self, ShipmentSlip.self])

    /// `privacy reveal ORDER --reason TEXT` ↔ `RevealBuyer`.
    struct Reveal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an order's buyer (root only); the reason is written to the audit log.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The local id or the Amazon order id.") var order: String
        @Option(help: "Why you need the buyer's data (required, audited).") var reason: String
        func run() async throws {
            let reply = try await ControlConnection(options: options).call(
                PrivacyInterface.Method.revealBuyer.qualified,
                PrivacyInterface.RevealBuyerParameters(order: order, reason: reason),
                returning: PrivacyInterface.RevealBuyerReply.self)
            if options.json { return JSONOutput.print(reply) }
            let b = reply.buyer
            print("buyer    \(b.name ?? "-")")
            print("email    \(b.email ?? "-")")
            print("phone    \(b.phone ?? "-")")
            print("ship to  " + PrivacyCommand.addressLines(b.recipient).joined(separator: "\n         "))
        }
    }

    /// `privacy package-slip ORDER` ↔ `PackageSlip`.
    struct PackageSlip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "package-slip", abstract: "Print the packing slip of an order: recipient and every line ordered.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The local id or the Amazon order id.") var order: String
        func run() async throws {
            try await PrivacyCommand.printSlip(options, PrivacyInterface.Method.packageSlip, order, title: "PACKING SLIP")
        }
    }

    /// `privacy shipment-slip ORDER` ↔ `ShipmentSlip`.
    struct ShipmentSlip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shipment-slip", abstract: "Print the shipment slip of an order: recipient and what is left to ship.")
        @OptionGroup var options: ControlOptions
        @Argument(help: "The local id or the Amazon order id.") var order: String
        func run() async throws {
            try await PrivacyCommand.printSlip(options, PrivacyInterface.Method.shipmentSlip, order, title: "SHIPMENT SLIP")
        }
    }

    static func printSlip(_ options: ControlOptions, _ method: PrivacyInterface.Method, _ order: String, title: String)
        async throws
    {
        let reply = try await ControlConnection(options: options).call(
            method.qualified, PrivacyInterface.SlipParameters(order: order), returning: PrivacyInterface.SlipReply.self)
        if options.json { return JSONOutput.print(reply) }
        let s = reply.slip
        print("\(title)  order \(s.order) (\(s.amazonOrderId)) on \(s.channel)")
        print("purchased \(s.purchasedAt); ship by \(s.shipBy ?? "-")")
        print("")
        print(addressLines(s.recipient).joined(separator: "\n"))
        print("")
        var table = TextTable(header: ["SKU", "TITLE", "QTY"])
        for l in s.lines { table.rows.append([l.sku, l.title ?? "-", String(l.quantity)]) }
        print(s.lines.isEmpty ? "Nothing left to ship." : table.render())
    }

    static func addressLines(_ a: PrivacyInterface.Address) -> [String] {
        var lines: [String] = []
        if let name = a.name { lines.append(name) }
        lines += a.lines
        let town = [a.postalCode, a.city, a.stateOrRegion].compactMap { $0 }.joined(separator: " ")
        if !town.isEmpty { lines.append(town) }
        if let country = a.countryCode { lines.append(country) }
        return lines.isEmpty ? ["-"] : lines
    }
}
