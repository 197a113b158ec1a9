import Testing

@Test func placeholderInventoryStoreTests() { #expect(Bool(true)) }
