import Testing

@Test func IAMConfQueryAPITestsBuilds() { #expect(Bool(true)) }
