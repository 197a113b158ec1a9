import Testing

@Test func placeholderSellingPartnerTests() { #expect(Bool(true)) }
