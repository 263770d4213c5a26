import IAMConfConfig
import IAMConfCore
import Testing

/// `ownership:` of an account: additive by default, exclusive on request, anything else an error at its place.
@Suite struct OwnershipTests {
    static func load(_ ownership: String?) -> (Configuration?, Diagnostics) {
        let line = ownership.map { "\n    ownership: \($0)" } ?? ""
        return ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: """
            accounts:
              main:
                id: "111111111111"\(line)
                users:
                  alice: {}
            """)])
    }

    @Test func additiveByDefaultExclusiveOnRequest() throws {
        #expect(try #require(Self.load(nil).0).accounts.first?.ownership == .additive)
        #expect(try #require(Self.load("additive").0).accounts.first?.ownership == .additive)
        #expect(try #require(Self.load("exclusive").0).accounts.first?.ownership == .exclusive)
    }

    @Test func anotherValueIsAnErrorAtItsPlace() {
        for bad in ["Exclusive", "full", "[exclusive]"] {
            let (_, diagnostics) = Self.load(bad)
            let error = diagnostics.errors.first
            #expect(diagnostics.errors.count == 1, "\(bad): \(diagnostics.errors.map(\.summary))")
            #expect(error?.location?.file == "main.yaml")
            #expect(error?.location?.line == 4, "\(bad)")
            #expect(error?.location?.column == 16, "\(bad)")
            #expect(error?.summary.contains("ownership must be") == true || error?.summary.contains("must be a string") == true, "\(bad)")
        }
    }
}
