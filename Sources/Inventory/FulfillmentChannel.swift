/// Who fulfils an Amazon order: Amazon (AFN, i.e. FBA — R27) or the merchant (MFN).
public enum FulfillmentChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case afn = "AFN"
    case mfn = "MFN"
}
