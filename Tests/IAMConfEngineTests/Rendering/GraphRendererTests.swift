import IAMConfCore
import Testing

@testable import IAMConfEngine

@Suite struct GraphRendererTests {
    @Test func dotGolden() {
        var resources = PlanFixtures.desired
        resources.append(
            Resource(
                address: PlanFixtures.address("source.user.carol"), type: .user, accountID: "222222222222",
                attributes: ["name": .string("carol")]))
        Golden.check(GraphRenderer.dot(resources: resources), "graph.dot")
    }

    @Test func orderDoesNotDependOnInputOrder() {
        let resources = PlanFixtures.desired
        #expect(GraphRenderer.dot(resources: resources) == GraphRenderer.dot(resources: resources.reversed()))
    }

    @Test func edgesPointFromDependentToDependency() {
        let dot = GraphRenderer.dot(resources: PlanFixtures.desired)
        #expect(dot.contains("  \"target.role.S3Access.policy[AmazonS3FullAccess]\" -> \"target.role.S3Access\";\n"))
        #expect(dot.hasPrefix("digraph iamconf {\n"))
        #expect(dot.hasSuffix("}\n"))
    }

    @Test(arguments: [("plain", "\"plain\""), ("a\"b", "\"a\\\"b\""), ("back\\slash", "\"back\\\\slash\""), ("two\nlines", "\"two\\nlines\"")])
    func quoting(_ text: String, _ expected: String) {
        #expect(GraphRenderer.quote(text) == expected)
    }

    @Test func emptyGraph() {
        #expect(GraphRenderer.dot(resources: []) == "digraph iamconf {\n  compound = \"true\";\n  newrank = \"true\";\n  rankdir = \"RL\";\n  node [shape = \"box\"];\n}\n")
    }
}
