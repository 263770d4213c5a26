import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

@Suite struct PlanRendererTests {
    @Test func mixedPlanHasEveryActionKind() {
        let plan = PlanFixtures.mixedPlan
        let actions = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.action) })
        #expect(
            actions == [
                "target.group.developers": .create,
                "target.policy.Reports": .update,
                "target.role.Deploy": .create,
                "target.role.S3Access": .replace,
                "target.role.S3Access.policy[AmazonS3FullAccess]": .replace,
                "target.user.alice": .update,
                "target.user.alice.group[developers]": .create,
                "target.user.bob": .delete,
                "target.user.bob.access_key[1]": .delete,
                "target.user.bob.login_profile": .delete,
            ])
        #expect(plan.summary == (add: 5, change: 2, destroy: 5))
    }

    @Test func textGolden() {
        Golden.check(PlanRenderer.text(PlanFixtures.mixedPlan, color: false), "plan-mixed.txt")
    }

    @Test func colorTextGolden() {
        Golden.check(PlanRenderer.text(PlanFixtures.mixedPlan, color: true), "plan-mixed-color.txt")
    }

    @Test func jsonGolden() {
        Golden.check(PlanRenderer.json(PlanFixtures.mixedPlan), "plan-mixed.json")
    }

    @Test func noChangeGolden() {
        let plan = PlanFixtures.noChangePlan
        #expect(!plan.hasChanges)
        Golden.check(PlanRenderer.text(plan, color: false), "plan-no-changes.txt")
        Golden.check(PlanRenderer.json(plan), "plan-no-changes.json")
    }

    @Test func destroyGolden() {
        let plan = PlanFixtures.destroyPlan
        #expect(plan.changes.allSatisfy { $0.action == .delete })
        Golden.check(PlanRenderer.text(plan, color: false), "plan-destroy.txt")
        Golden.check(PlanRenderer.json(plan), "plan-destroy.json")
    }

    @Test func emptyDestroySaysNothingToDestroy() {
        let plan = Planner().plan(desired: [], prior: nil, backend: .simulator, mode: .destroy)
        #expect(PlanRenderer.text(plan, color: false).hasPrefix("No changes. No objects need to be destroyed.\n"))
    }

    @Test(arguments: [false, true])
    func summaryLineEndsTheText(color: Bool) {
        let text = PlanRenderer.text(PlanFixtures.mixedPlan, color: color)
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last == (color ? "\u{1B}[1mPlan:\u{1B}[0m" : "Plan:") + " 5 to add, 2 to change, 5 to destroy.")
    }

    @Test func plainTextHasNoEscapeCodesAndColourTextHasThem() {
        #expect(!PlanRenderer.text(PlanFixtures.mixedPlan, color: false).contains("\u{1B}"))
        let colored = PlanRenderer.text(PlanFixtures.mixedPlan, color: true)
        #expect(colored.contains("  \u{1B}[32m+\u{1B}[0m resource \"group\""))
        #expect(colored.contains("  \u{1B}[33m~\u{1B}[0m resource \"user\""))
        #expect(colored.contains("\u{1B}[31m-\u{1B}[0m/\u{1B}[32m+\u{1B}[0m resource \"role\""))
        #expect(colored.contains("  \u{1B}[31m-\u{1B}[0m resource \"access_key\""))
        #expect(colored.contains("  # \u{1B}[1mtarget.user.alice\u{1B}[0m will be updated in place"))
    }

    @Test func secretsNeverAppear() {
        for plan in [PlanFixtures.mixedPlan, PlanFixtures.destroyPlan] {
            for output in [PlanRenderer.text(plan, color: false), PlanRenderer.text(plan, color: true), PlanRenderer.json(plan)] {
                #expect(!output.contains(PlanFixtures.secretKey))
                #expect(!output.contains(PlanFixtures.password))
                #expect(!output.contains("secret_access_key"))
            }
        }
    }

    @Test func replacementMarksTheForcingAttributeAndTheDependencyReason() {
        let text = PlanRenderer.text(PlanFixtures.mixedPlan, color: false)
        #expect(text.contains("      ~ path               = \"/\" -> \"/service/\" # forces replacement\n"))
        #expect(
            text.contains(
                "  # target.role.S3Access.policy[AmazonS3FullAccess] must be replaced\n  # (because target.role.S3Access is replaced)\n"))
    }

    @Test func documentUpdateIsALineDiffNotTwoBlobs() {
        let text = PlanRenderer.text(PlanFixtures.mixedPlan, color: false)
        #expect(text.contains("      +         \"s3:PutObject\"\n"))
        #expect(text.contains("      -         \"s3:ListBucket\"\n"))
        #expect(text.contains("      +         \"s3:ListBucket\",\n"))
        #expect(!text.contains("\"s3:GetObject\",\"s3:ListBucket\""))
    }

    @Test func createOmitsNullsAndShowsOutputsAsUnknown() {
        let text = PlanRenderer.text(PlanFixtures.mixedPlan, color: false)
        let deploy = text.components(separatedBy: "  # target.role.Deploy will be created\n")[1].components(separatedBy: "\n    }\n")[0]
        #expect(deploy.contains("+ arn                  = (known after apply)"))
        #expect(!deploy.contains("description"))
        #expect(!deploy.contains("permissions_boundary"))
        #expect(deploy.contains("          + \"team\" = \"platform\"\n"))
    }

    @Test func jsonActionsFollowTerraform() {
        #expect(PlanRenderer.actions(.create) == ["create"])
        #expect(PlanRenderer.actions(.update) == ["update"])
        #expect(PlanRenderer.actions(.replace) == ["delete", "create"])
        #expect(PlanRenderer.actions(.delete) == ["delete"])
    }

    /// Terraform's JSON plan shape (https://developer.hashicorp.com/terraform/internals/json-format),
    /// so policies written for Terraform plans read iamconf's; iamconf's own facts sit under `iamconf`.
    @Test func jsonFollowsTerraformsPlanFormat() throws {
        let value = try JSONParser.parse(PlanRenderer.json(PlanFixtures.mixedPlan))
        #expect(value.objectValue?.map(\.key) == ["format_version", "applyable", "complete", "errored", "resource_changes", "prior_state", "iamconf"])
        #expect(value["format_version"] == .string("1.2"))
        let changes = value["resource_changes"]?.arrayValue ?? []
        #expect(changes.first?.objectValue?.map(\.key) == ["address", "mode", "type", "name", "provider_name", "change", "iamconf"])
        #expect(changes.first?["change"]?.objectValue?.map(\.key)
            == ["actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive", "replace_paths"])
        let role = try #require(changes.first { $0["address"] == .string("target.role.Deploy") })
        #expect(role["type"] == .string("aws_iam_role"))
        #expect(role["change"]?["after"]?["assume_role_policy"]?.stringValue?.hasPrefix("{") == true, "documents are JSON text, as in Terraform")
        #expect(role["change"]?["after_unknown"]?["arn"] == .bool(true))
        let policy = try #require(changes.first { $0["type"] == .string("aws_iam_policy") })
        #expect(policy["change"]?["before"]?["policy"]?.stringValue != nil, "a policy document is `policy`")
        let replaced = try #require(changes.first { $0["change"]?["actions"] == .array([.string("delete"), .string("create")]) })
        #expect(replaced["action_reason"] == .string("replace_because_cannot_update"))
        #expect(value["iamconf"]?["summary"] == .object([("add", .number("5")), ("change", .number("2")), ("destroy", .number("5"))]))
        #expect(value["iamconf"]?["prior_state"]?["serial"] == .number("7"))
    }
}

@Suite struct PlanRendererSafetyTests {
    /// A value or a name carrying an escape sequence must not reach the terminal as one.
    @Test func controlCharactersAreEscaped() {
        let hostile = PlanFixtures.user("mallory\u{1B}[2J", path: "/", tags: [("note", "\u{1B}]0;pwned\u{07}")])
        let plan = Planner().plan(desired: [hostile], prior: nil, backend: .simulator)
        for text in [PlanRenderer.text(plan, color: false), PlanRenderer.json(plan), PlanFile.encode(plan)] {
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\u{07}"))
        }
        #expect(PlanRenderer.text(plan, color: false).contains("  # target.user.mallory\\u{1B}[2J will be created\n"))
        let c1 = PlanFixtures.user("eve", path: "/", tags: [("csi", "\u{9B}31m")])
        let text = PlanRenderer.text(Planner().plan(desired: [c1], prior: nil, backend: .simulator), color: false)
        #expect(!text.contains("\u{9B}"))
        #expect(text.contains("+ \"csi\" = \"\\u{9B}31m\""))
    }

    @Test func printableLeavesOrdinaryTextAlone() {
        #expect(TerminalStyle.printable("target.user.ünï-cödé") == "target.user.ünï-cödé")
        #expect(TerminalStyle.printable("a\tb\u{9B}c") == "a\\u{9}b\\u{9B}c")
    }
}

@Suite struct DocumentDiffTests {
    let formatter = AttributeFormatter(nameColumn: 8, hasMarkers: true, style: TerminalStyle(isEnabled: false))

    @Test func whenSortedFormsAreEqualTheWrittenOrderIsDiffed() {
        let old = PlanFixtures.document(#"{"Version":"2012-10-17","Statement":[]}"#)
        let new = PlanFixtures.document(#"{"Statement":[],"Version":"2012-10-17"}"#)
        #expect(
            formatter.documentDiff(old, new) == [
                "{",
                "      -   \"Version\": \"2012-10-17\",",
                "      -   \"Statement\": []",
                "      +   \"Statement\": [],",
                "      +   \"Version\": \"2012-10-17\"",
                "        }",
            ])
    }

    @Test func aChangedValueIsOneRemovedAndOneAddedLine() {
        let old = PlanFixtures.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)
        let new = PlanFixtures.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"#)
        #expect(
            formatter.documentDiff(old, new) == [
                "{",
                "          \"Statement\": [",
                "            {",
                "              \"Action\": \"s3:GetObject\",",
                "      -       \"Effect\": \"Allow\",",
                "      +       \"Effect\": \"Deny\",",
                "              \"Resource\": \"*\"",
                "            }",
                "          ],",
                "          \"Version\": \"2012-10-17\"",
                "        }",
            ])
    }

    @Test func fromAnEmptyDocument() {
        let new = PlanFixtures.document(#"{"Version":"2012-10-17"}"#)
        #expect(formatter.documentDiff(.object([]), new) == ["{", "      +   \"Version\": \"2012-10-17\"", "        }"])
    }
}

/// A real change to a document shows only its real change: spellings that mean the same (a string
/// and a one-element list, a reordered set) make no lines (issue "Found by trying it as a new user").
@Suite struct CosmeticDiffTests {
    @Test func aStringAndAOneElementListMakeNoLines() throws {
        let old = try JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}]}"#)
        let new = try JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::a/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}"#)
        let lines = AttributeFormatter(nameColumn: 6, hasMarkers: true, style: TerminalStyle(isEnabled: false)).documentDiff(old, new)
        let changed = lines.filter { $0.contains("- ") || $0.contains("+ ") }
        #expect(changed.allSatisfy { $0.contains("Condition") || $0.contains("Bool") || $0.contains("SecureTransport") || $0.contains("}") || $0.contains("{") },
                "\(lines.joined(separator: "\n"))")
        #expect(!changed.contains { $0.contains("s3:GetObject") || $0.contains("arn:aws:s3") }, "\(lines.joined(separator: "\n"))")
    }
}
