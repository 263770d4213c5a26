import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfState
import Testing

/// How long exporting a large state takes, in process (no backend): `IAMCONF_MEASURE=1 swift test
/// --filter ExportMeasurement` (docs/export.md has the numbers). Also checks the export of that
/// size still plans no change.
@Suite("Export measurement", .enabled(if: ProcessInfo.processInfo.environment["IAMCONF_MEASURE"] == "1"))
struct ExportMeasurement {
    @Test("export of about 10,000 resources in 4 accounts")
    func tenThousand() throws {
        var text = "accounts:\n"
        for account in 0..<4 {
            text += "  a\(account):\n    id: \"\(String(repeating: String(account + 1), count: 12))\"\n    groups:\n"
            for group in 0..<10 { text += "      team\(group): { policies: [ReadOnlyAccess] }\n" }
            text += "    roles:\n"
            for role in 0..<100 {
                text += "      role\(role): { trust: { accounts: [a\((account + 1) % 4)], require_mfa: true }, policies: [ReadOnlyAccess] }\n"
            }
            text += "    users:\n"
            for user in 0..<400 {
                text += """
                          user\(user):
                            path: /people/
                            groups: [team\(user % 10)]
                            policies: [ReadOnlyAccess]
                            login_profile: true
                            access_keys: 1
                            inline_policies:
                              Assume: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "${accounts.a\((account + 1) % 4).roles.role\(user % 100).arn}" }] }

                    """
            }
        }
        let (loaded, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "big.yaml", text: text)])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors.prefix(3).map(\.summary))")
        let resources = DesiredResources.from(try #require(loaded)).map {
            ResourceState(address: $0.address, type: $0.type, accountID: $0.accountID, attributes: $0.attributes, dependencies: $0.dependencies)
        }
        let clock = ContinuousClock()
        var export: Export?
        let elapsed = clock.measure { export = Exporter.export(resources, backend: .simulator, lineage: "m") }
        let result = try #require(export)
        let bytes = result.files.reduce(0) { $0 + $1.text.utf8.count }
        print("export of \(resources.count) resources: \(elapsed), \(result.files.count) files, \(bytes) bytes of YAML")
        let (reloaded, problems) = ConfigurationLoader.load(sources: result.files.map { SourceFile(path: $0.name, text: $0.text) })
        #expect(problems.errors.isEmpty)
        let plan = Planner().plan(desired: DesiredResources.from(try #require(reloaded)), prior: result.state, backend: .simulator)
        #expect(plan.changes.isEmpty)
    }
}
