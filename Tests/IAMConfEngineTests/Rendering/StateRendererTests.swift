import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

@Suite struct StateRendererTests {
    @Test func textGolden() {
        Golden.check(StateRenderer.text(PlanFixtures.prior), "state-show.txt")
    }

    @Test func jsonGolden() {
        Golden.check(StateRenderer.json(PlanFixtures.prior), "state-show.json")
    }

    @Test func secretsAreMarkedNotShown() {
        let state = PlanFixtures.prior
        for output in [StateRenderer.text(state), StateRenderer.json(state)] {
            #expect(!output.contains(PlanFixtures.secretKey))
            #expect(!output.contains(PlanFixtures.password))
        }
        let key = state.resources[PlanFixtures.address("target.user.bob.access_key[1]")]
        let text = key.map(StateRenderer.resource) ?? ""
        #expect(text.contains("    secret_access_key = (sensitive)\n"))
        #expect(text.hasPrefix("# target.user.bob.access_key[1]:\nresource \"access_key\" \"target.user.bob.access_key[1]\" {\n"))
    }

    @Test func oneResourceIsOneBlockOfTheFullView() {
        let state = PlanFixtures.prior
        let blocks = state.sortedResources.map(StateRenderer.resource)
        #expect(StateRenderer.text(state) == blocks.joined(separator: "\n"))
    }

    @Test func emptyState() {
        #expect(StateRenderer.text(State(lineage: "x")) == "The state is empty: iamconf manages no resources yet.\n")
    }
}
