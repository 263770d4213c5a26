import Foundation
import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// The IAM action catalog compiled into the binary (issue 11, part 1).
@Suite struct ActionCatalogTests {
    let catalog = ActionCatalog.shared

    static let textURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/IAMConfPolicy/Resources/aws-action-catalog.txt")

    @Test("the catalog compiled into the binary is the text file, byte for byte (run docs/scripts/embed-action-catalog.py)")
    func compiledCatalogMatchesTheText() throws {
        #expect(try String(contentsOf: Self.textURL, encoding: .utf8) == ActionCatalog.bundledText)
    }

    /// Every line of the text is read: a line the parser skipped would lose an action or a key.
    @Test func everyLineIsRead() {
        let lines = ActionCatalog.bundledText.split(separator: "\n")
        let count = { (tag: Character) in lines.filter { $0.first == tag }.count }
        #expect(catalog.services.count == count("="))
        #expect(catalog.services.reduce(0) { $0 + $1.actions.count } == count("a"))
        #expect(catalog.services.reduce(0) { $0 + $1.conditionKeys.count } == count("k"))
        #expect(catalog.services.reduce(0) { $0 + $1.resourceTypes.count } == count("r"))
        #expect(catalog.services.count == 445)
        #expect(catalog.services.reduce(0) { $0 + $1.actions.count } == 20_455)
    }

    @Test func actionsAreFoundWithoutCase() throws {
        let get = try #require(catalog.action("S3:getobject"))
        #expect(get.qualifiedName == "s3:GetObject")
        #expect(get.accessLevel == .read)
        #expect(get.resourceTypes.map(\.name).contains("object"))
        #expect(get.resourceTypes.first { $0.name == "object" }?.arnFormat == "arn:${Partition}:s3:::${BucketName}/${ObjectName}")
        #expect(get.conditionKeys.contains("s3:ExistingObjectTag/<key>"))
        #expect(catalog.action("s3:PutObject")?.accessLevel == .write)
        #expect(catalog.action("iam:AttachUserPolicy")?.accessLevel == .permissionsManagement)
        #expect(catalog.action("iam:TagRole")?.accessLevel == .tagging)
        #expect(catalog.action("iam:ListUsers")?.accessLevel == .list)
        #expect(catalog.action("iam:CreateUser")?.resourceTypes.first?.isRequired == true)
        // ListAllMyBuckets takes no resource ARN: only "Resource": "*" lets it match.
        #expect(catalog.action("s3:ListAllMyBuckets")?.supportsResourceLevelPermissions == false)
        #expect(catalog.action("s3:GetObjekt") == nil)
        #expect(catalog.action("nope") == nil)
    }

    @Test func patternsExpandThroughTheCatalog() {
        let gets = catalog.actions(matching: "iam:Get*")
        #expect(gets.contains { $0.name == "GetUser" })
        #expect(gets.allSatisfy { $0.service == "iam" && $0.name.hasPrefix("Get") })
        #expect(catalog.actions(matching: "IAM:get?ser").map(\.name) == ["GetUser"])
        #expect(catalog.actions(matching: "s3:*").count == catalog.service("s3")?.actions.count)
        #expect(catalog.actions(matching: "*").count == 20_455)
        #expect(catalog.actions(matching: "s3:Gte*").isEmpty)
        #expect(catalog.actions(matching: "nocolon").isEmpty)
        #expect(catalog.actions(matching: "s3*:ListBucket").map(\.qualifiedName).contains("s3:ListBucket"))
    }

    @Test func conditionKeysWithTypesAndTemplates() {
        #expect(catalog.conditionKey("aws:SourceIp")?.type == .ipAddress)
        #expect(catalog.conditionKey("AWS:sourceip") != nil)
        #expect(catalog.conditionKey("aws:MultiFactorAuthPresent")?.type == .bool)
        #expect(catalog.conditionKey("aws:TagKeys")?.type.isMultivalued == true)
        #expect(catalog.conditionKey("aws:username")?.type.isMultivalued == false)
        #expect(catalog.conditionKey("aws:PrincipalTag/team")?.name == "aws:PrincipalTag/${TagKey}")
        #expect(catalog.conditionKey("s3:ExistingObjectTag/owner")?.name == "s3:ExistingObjectTag/<key>")
        #expect(catalog.conditionKey("s3:prefix") != nil)
        // The reference spells a few templates as `/tag-key` or a bare `/`.
        #expect(catalog.conditionKey("secretsmanager:ResourceTag/owner")?.name == "secretsmanager:ResourceTag/tag-key")
        #expect(catalog.conditionKey("ssm:resourceTag/team") != nil)
        #expect(catalog.conditionKey("sagemaker:ResourceTag/team") != nil)
        #expect(catalog.conditionKey("sts:ExternalId") != nil)
        #expect(catalog.conditionKey("saml:aud") != nil)
        #expect(catalog.conditionKey("aws:SorceIp") == nil)
        #expect(ActionCatalog.isProviderKey("token.actions.githubusercontent.com:sub"))
        #expect(ActionCatalog.isProviderKey("oidc.eks.us-east-1.amazonaws.com/id/ABC:aud"))
        #expect(!ActionCatalog.isProviderKey("foo:bar"))
    }

    @Test func suggestionsNameTheNearestKnownName() {
        #expect(catalog.suggestion(forAction: "s3:GetObjekt") == "s3:GetObject")
        #expect(catalog.suggestion(forAction: "iam:ListUserz") == "iam:ListUsers")
        #expect(catalog.suggestion(forAction: "s4:GetObject") == "s3:GetObject")
        #expect(catalog.suggestion(forService: "ec3") == "ec2")
        #expect(catalog.suggestion(forConditionKey: "aws:SorceIp") == "aws:SourceIp")
        #expect(catalog.suggestion(forAction: "s3:CompletelyDifferentThing") == nil)
    }

    @Test func aPolicysUnknownNamesAreReportedWithTheirPaths() throws {
        let document = try JSONParser.parse(#"""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*"},
              {"Effect": "Deny", "NotAction": "s4:*", "Resource": "*",
               "Condition": {"Bool": {"aws:MultiFactorAuthPresnt": "false"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:x/*"}}},
              {"Effect": "Allow", "Action": ["ec2:Describe*", "*", "iam:Xyz*"], "Resource": "*"}
            ]}
            """#)
        let found = PolicyCatalogCheck.diagnostics(for: document)
        #expect(found.map(\.code) == [
            "policy-action-unknown", "policy-action-unknown-service", "policy-condition-key-unknown", "policy-action-matches-nothing",
        ])
        #expect(found.map(\.path) == [
            "Statement[0].Action[1]", "Statement[1].NotAction", "Statement[1].Condition.Bool.aws:MultiFactorAuthPresnt",
            "Statement[2].Action[2]",
        ])
        #expect(found[0].hint == "did you mean 's3:GetObject'?")
        #expect(found[2].hint == "did you mean 'aws:MultiFactorAuthPresent'?")
        #expect(found.allSatisfy { $0.severity == .error })
    }
}
