import Testing

@Test func IAMConfCoreTestsBuilds() { #expect(Bool(true)) }
