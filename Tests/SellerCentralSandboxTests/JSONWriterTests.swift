import Foundation
import Testing
@testable import SellerCentralSandbox

@Suite struct JSONWriterTests {
    /// Native values and values JSONSerialization decoded (NSNumber booleans and numbers) keep their JSON types.
    @Test func writesNativeAndDecodedValuesFaithfully() throws {
        let decoded = try JSONSerialization.jsonObject(with: Data(#"{"flag":true,"one":1,"half":0.5,"zero":0,"none":null}"#.utf8))
        let tree: [String: Any] = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{07} é 🦆",
            "int": 42, "negative": -7, "double": 19.99, "whole": 3.0, "bool": false,
            "list": [1, "two", true, ["nested": [Any]()]] as [Any],
            "decoded": decoded,
        ]
        let bytes = try #require(JSONWriter.write(tree))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(back["text"] as? String == tree["text"] as? String)
        #expect(back["int"] as? Int == 42)
        #expect(back["negative"] as? Int == -7)
        #expect(back["double"] as? Double == 19.99)
        #expect(back["whole"] as? Int == 3)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""bool":false"#))
        #expect(text.contains(#""decoded":{"flag":true,"half":0.5,"none":null,"one":1,"zero":0}"#))
        #expect(text.contains(#""list":[1,"two",true,{"nested":[]}]"#))
        // Keys are sorted, so the same tree always gives the same bytes.
        #expect(text.hasPrefix(#"{"bool":false,"decoded""#))
    }

    /// Values JSON cannot carry make the write fail instead of producing invalid JSON.
    @Test func refusesWhatJSONCannotCarry() {
        #expect(JSONWriter.write(["x": Double.nan]) == nil)
        #expect(JSONWriter.write(["x": Date()]) == nil)
    }
}
