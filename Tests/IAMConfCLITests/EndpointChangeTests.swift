import Foundation
import Testing

extension EndpointTests {
    /// A configuration edited after an apply: the update goes to moto, and a refresh finds what
    /// was configured.
    @Suite("Configuration changes applied to moto", .serialized)
    struct Changes {
        static let tagsDropped: Comment = """
            moto deviation: UpdateUser with NewPath drops all the user's tags (AWS keeps them), so the \
            refresh after moving alice finds her tag gone
            """

        @Test("moving a user to another path updates it in place; the refresh after it is clean")
        func moveUser() async throws {
            let moto = try await MotoWorkspace.fresh()
            let config = try moto.temp.copyExample("cross-account")
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")

            let source = config.appendingPathComponent("source.yaml")
            let text = try String(contentsOf: source, encoding: .utf8)
            let declaration = "      alice:\n        path: /engineering/\n"
            try #require(text.contains(declaration), "the cross-account example should declare alice under /engineering/")
            try Data(text.replacingOccurrences(of: declaration, with: "      alice:\n        path: /auditors/\n").utf8).write(to: source)

            let plan = try moto.iamconf(["plan", "config", "--detailed-exitcode"])
            #expect(plan.status == 2 && plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan)")
            let update = try moto.iamconf(["apply", "config", "--auto-approve"])
            #expect(update.status == 0 && update.stdout.contains("0 added, 1 changed, 0 destroyed"), "\(update)")

            let inventory = try moto.inventory(["222222222222"])
            let alice = ((inventory["222222222222"] as? [String: Any])?["users"] as? [String: Any])?["alice"] as? [String: Any]
            #expect(alice?["path"] as? String == "/auditors/", "\(inventory)")
            #expect(alice?["groups"] as? [String] == [], "\(inventory)")
            #expect(alice?["attached"] as? [String] == ["arn:aws:iam::222222222222:policy/AssumeS3Access"], "\(inventory)")
            withKnownIssue(Self.tagsDropped) {
                #expect(alice?["tags"] as? [String: String] == ["team": "data"], "\(inventory)")
            }

            let replan = try moto.iamconf(["plan", "config", "--refresh"])
            #expect(replan.status == 0, "\(replan)")
            withKnownIssue(Self.tagsDropped) {
                #expect(!replan.stdout.contains("  # source.user.alice has changed"), "\(replan)")
            }
        }
    }
}
