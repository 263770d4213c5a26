import Foundation
import Testing

extension EndpointTests {
    /// Export of what an apply made on moto_server: the export plans no change (also after reading
    /// moto back), and applied to an emptied moto it rebuilds what boto3 saw before. Two examples
    /// (two accounts with keys and passwords; an OIDC provider and federated trust) keep it under a
    /// minute; the simulator round trip covers every example.
    @Suite("Export from an endpoint state", .serialized)
    struct Export {
        @Test("apply on moto, export, plan and plan --refresh show no changes, the export applied to an emptied moto gives the same objects",
              arguments: EndpointTests.examples.filter { ["cross-account", "github-oidc"].contains($0.name) })
        func roundTrip(example: EndpointTests.Example) async throws {
            let moto = try await MotoWorkspace.fresh()
            _ = try moto.temp.copyExample(example.name)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            let before = try canonicalJSON(moto.inventory(example.accounts))

            // The state records the endpoint: the export's state does too, so no flags are needed after.
            let export = try moto.cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export"])
            try #require(export.status == 0, "\(export)")
            #expect(!moto.temp.exists("export/.iamconf"), "an endpoint's objects live in the endpoint")
            let plan = try moto.cli.run(["plan", "export", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            let refreshed = try moto.cli.run(["plan", "export", "--refresh", "--detailed-exitcode"])
            #expect(refreshed.status == 0, "\(refreshed)")

            try await moto.server.reset()
            try FileManager.default.createDirectory(at: moto.temp.url.appendingPathComponent("fresh"), withIntermediateDirectories: true)
            let rebuild = try moto.iamconf(["apply", "export", "--state", "fresh/iamconf.state.json", "--auto-approve"])
            #expect(rebuild.status == 0, "\(rebuild)")
            #expect(try canonicalJSON(moto.inventory(example.accounts)) == before)
        }
    }
}
