import Foundation
import Testing

extension EndpointTests {
    /// The state records its backend, so after one apply with flags the next commands need none,
    /// as Terraform remembers its backend; flags and the configuration still decide when given.
    @Suite("The backend remembered by the state", .serialized)
    struct RememberedBackend {
        @Test("plan, refresh, apply and destroy find the endpoint from the state; a different backend given is refused")
        func commandsNeedNoFlagsAfterTheFirstApply() async throws {
            let moto = try await MotoWorkspace.fresh()
            _ = try moto.temp.copyExample("cross-account")
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")

            let plan = try moto.cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 0 && plan.stdout.contains("No changes."), "\(plan)")
            let refresh = try moto.cli.run(["refresh", "config"])
            #expect(refresh.status == 0, "\(refresh)")

            // Given, a different backend is still refused rather than planned against.
            let simulator = try moto.cli.run(["plan", "config", "--backend", "simulator"])
            #expect(simulator.status == 1 && simulator.stderr.contains("belongs to backend endpoint"), "\(simulator)")

            // A change goes to moto without flags: boto3 sees it there.
            let source = moto.temp.url.appendingPathComponent("config/source.yaml")
            let text = try String(contentsOf: source, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "tags: { team: data }", with: "tags: { team: data, remembered: \"yes\" }").utf8).write(to: source)
            let change = try moto.cli.run(["apply", "config", "--auto-approve"])
            #expect(change.status == 0 && change.stdout.contains("1 changed"), "\(change)")
            try moto.boto(in: "222222222222", """
                tags = {t["Key"]: t["Value"] for t in iam.list_user_tags(UserName="alice")["Tags"]}
                assert tags.get("remembered") == "yes", tags
                """)
            let destroy = try moto.cli.run(["destroy", "config", "--auto-approve"])
            #expect(destroy.status == 0, "\(destroy)")
            #expect(try canonicalJSON(moto.inventory(["111111111111", "222222222222"])) == canonicalJSON(emptyInventory(["111111111111", "222222222222"])))
        }
    }
}
