import Foundation
import Testing

/// The README's two commands work in either order: applying an example in place (the main job)
/// leaves a state and `.iamconf/` beside it, and no test may pick those up.
@Suite struct ExampleCopyTests {
    @Test func aStateOrWorldBesideAnExampleDoesNotLeakIntoATest() throws {
        // An examples folder as the main job leaves it: applied in place.
        let examples = try TemporaryDirectory()
        try examples.write("demo/iam.yaml", "accounts: {}\n")
        try examples.write("demo/policy.json", "{}\n")
        for leftover in ["iamconf.state.json", "iamconf.state.json.backup", "iamconf.state.json.intent", "iamconf.state.json.lock",
                         ".iamconf/world.json", ".iamconf/simulator.lock"] {
            try examples.write("demo/\(leftover)", "{}\n")
        }
        let temp = try TemporaryDirectory()
        let copy = try temp.copyExample("demo", from: examples.url)
        let copied = try FileManager.default.contentsOfDirectory(atPath: copy.path).sorted()
        #expect(copied == ["iam.yaml", "policy.json"])
    }

    @Test("every example copies without its applied state", arguments: ["admins-group", "cross-account", "ec2-instance-profile", "github-oidc", "mfa-protected-admin"])
    func examplesCopyOnlyConfiguration(name: String) throws {
        let temp = try TemporaryDirectory()
        let copy = try temp.copyExample(name)
        let copied = try FileManager.default.contentsOfDirectory(atPath: copy.path)
        #expect(!copied.isEmpty)
        #expect(copied.allSatisfy { TemporaryDirectory.isConfigurationFile($0) }, "\(copied)")
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("iamconf.state.json").path))
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent(".iamconf").path))
    }
}
