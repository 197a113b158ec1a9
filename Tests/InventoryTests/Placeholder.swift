import Testing

@Test func placeholderInventoryTests() { #expect(Bool(true)) }
