import Testing

@Test func IAMConfCLITestsBuilds() { #expect(Bool(true)) }
