/// Which warehouse an Amazon order's stock leaves: the FBA warehouse for AFN orders (the primary one while
/// FBA is off — R27), else the channel's mapped warehouse (R23), else the primary warehouse (R22).
public enum OrderTracking {
    public static func warehouse(
        fulfillmentChannel: FulfillmentChannel, settings: ChannelSettings, primary: String
    ) -> String {
        switch fulfillmentChannel {
        case .afn: settings.fbaWarehouse ?? primary
        case .mfn: settings.mappedWarehouse ?? primary
        }
    }

    /// AFN orders are shipped by Amazon: recorded force-fulfilled and locked (R27).
    public static func isForceFulfilled(_ channel: FulfillmentChannel) -> Bool { channel == .afn }
}
