import Testing

@Test func IAMConfPolicyTestsBuilds() { #expect(Bool(true)) }
