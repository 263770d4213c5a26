import Foundation
import IAMConfConfig
import IAMConfCore
import Testing

/// The loaded model: references resolved, shorthand expanded, locations filled.
@Suite struct ResolutionTests {
    static func load(_ files: [String: String]) -> (Configuration?, Diagnostics) {
        let sources = files.keys.sorted().map { SourceFile(path: $0, text: files[$0] ?? "") }
        let result = ConfigurationLoader.load(sources: sources)
        return (result.configuration, result.diagnostics)
    }

    @Test func crossAccountExampleResolvesEveryReference() throws {
        let (configuration, diagnostics) = ConfigurationLoader.load(path: Paths.examples.appendingPathComponent("cross-account").path)
        #expect(diagnostics.isEmpty)
        let config = try #require(configuration)
        #expect(config.accounts.map(\.name) == ["target", "source"])
        let target = try #require(config.account(named: "target"))
        let source = try #require(config.account(named: "source"))
        let role = try #require(target.roles.first)
        #expect(role.trustPolicy.document.compactText() == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#)
        #expect(role.policies == [PolicyAttachment(arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", isAWSManaged: true, location: role.policies.first?.location)])
        let policy = try #require(source.policies.first)
        #expect(policy.document.document["Statement"]?.arrayValue?.first?["Resource"] == .string("arn:aws:iam::111111111111:role/S3Access"))
        #expect(policy.document.statementLocations.map { $0?.line } == [12])
        let alice = try #require(source.users.first)
        #expect(alice.policies.map(\.arn) == ["arn:aws:iam::222222222222:policy/AssumeS3Access"])
        #expect(alice.path == "/engineering/" && alice.accessKeys == 1 && alice.loginProfile?.passwordResetRequired == true)
        #expect(alice.location?.line == 17 && alice.location?.file.hasSuffix("source.yaml") == true)
        #expect(config.expectations.count == 3)
        #expect(target.buckets.map(\.name) == ["shared-reports"])
    }

    @Test func policyVariablesStayAsWritten() throws {
        let (configuration, diagnostics) = Self.load(["main.yaml": account("""
            users:
              alice:
                inline_policies:
                  Own:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: iam:GetUser
                        Resource: "arn:aws:iam::${accounts.a.id}:user/${aws:username}-${*}${?}${$}"

        """)])
        #expect(!diagnostics.hasErrors)
        let document = try #require(configuration?.accounts.first?.users.first?.inlinePolicies.first?.document.document)
        #expect(document["Statement"]?.arrayValue?.first?["Resource"] == .string("arn:aws:iam::111111111111:user/${aws:username}-${*}${?}${$}"))
    }

    @Test func membershipFromTheGroupSideIsFoldedIntoUsers() throws {
        let (configuration, diagnostics) = Self.load(["main.yaml": account("    users: { alice: {}, bob: { groups: [ops] } }\n    groups:\n      ops: {}\n      devs: { members: [alice, bob] }\n")])
        #expect(diagnostics.isEmpty)
        let users = try #require(configuration?.accounts.first?.users)
        #expect(users.map(\.groups) == [["devs"], ["ops", "devs"]])
    }

    @Test func trustShorthandCoversServicesFederationAndExternalIDs() throws {
        let (configuration, diagnostics) = Self.load(["main.yaml": account("""
            identity_providers:
              gh: { type: oidc, url: "https://token.actions.githubusercontent.com/" }
            users: { alice: {} }
            roles:
              R:
                trust:
                  principals: [a.user.alice]
                  services: [ec2.amazonaws.com, lambda.amazonaws.com]
                  federated: gh
                  external_id: X-1

        """)])
        #expect(diagnostics.isEmpty)
        let trust = try #require(configuration?.accounts.first?.roles.first?.trustPolicy.document)
        #expect(trust.compactText() == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"X-1"}}},{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#)
    }

    @Test func trustedPrincipalARNsInConfiguredAccountsMustExist() {
        let (_, diagnostics) = Self.load(["main.yaml": account("    users: { alice: { path: /eng/ } }\n    roles:\n      R: { trust: { principals: [\"arn:aws:iam::111111111111:user/alice\", \"arn:aws:iam::111111111111:user/eng/alice\", \"arn:aws:iam::999999999999:user/x\"], require_mfa: true } }\n")])
        #expect(diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == ["6:34 unknown-reference"])
    }

    @Test func managedPolicyNamesPreferTheAccountThenTheCatalog() throws {
        let (configuration, diagnostics) = Self.load(["main.yaml": account("""
            policies:
              ReadOnlyAccess:
                path: /custom/
                document: { Version: "2012-10-17", Statement: { Effect: Allow, Action: "s3:Get*", Resource: "*" } }
            users:
              u: { policies: [ReadOnlyAccess, AWSLambdaBasicExecutionRole, "arn:aws:iam::aws:policy/IAMReadOnlyAccess"] }

        """)])
        #expect(!diagnostics.hasErrors)
        let user = try #require(configuration?.accounts.first?.users.first)
        #expect(user.policies.map(\.arn) == [
            "arn:aws:iam::111111111111:policy/custom/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
        ])
        #expect(user.policies.map(\.isAWSManaged) == [false, true, true])
    }

    @Test func jsonPolicyFilesAreReadRelativeToTheirYAMLFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("policies"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try account("    policies:\n      P: { document: policies/p.json }\n").write(to: directory.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
        try "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::${accounts.a.id}-logs\"}\n  ]\n}\n"
            .write(to: directory.appendingPathComponent("policies/p.json"), atomically: true, encoding: .utf8)
        let (configuration, diagnostics) = ConfigurationLoader.load(path: directory.path)
        #expect(diagnostics.isEmpty)
        let source = try #require(configuration?.accounts.first?.policies.first?.document)
        #expect(source.location?.file == directory.path + "/policies/p.json")
        #expect(source.statementLocations.map { $0.map { "\($0.line):\($0.column)" } } == ["4:5"])
        #expect(source.document["Statement"]?.arrayValue?.first?["Resource"] == .string("arn:aws:s3:::111111111111-logs"))
    }

    @Test func missingPathIsADiagnosticNotAThrow() {
        let (configuration, diagnostics) = ConfigurationLoader.load(path: "/nonexistent/iamconf-config")
        #expect(configuration == nil)
        #expect(diagnostics.map(\.code) == ["path-not-found"])
    }

    @Test func emptyDirectoryIsReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(ConfigurationLoader.load(path: directory.path).diagnostics.map(\.code) == ["no-configuration"])
    }

    @Test(arguments: Paths.subdirectories(of: Paths.examples).map(\.lastPathComponent))
    func examplesValidateWithoutErrors(_ name: String) throws {
        let (configuration, diagnostics) = ConfigurationLoader.load(path: Paths.examples.appendingPathComponent(name).path)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map { "\($0.location?.description ?? "-") \($0.code)" })")
        #expect((configuration?.expectations.count ?? 0) >= 2)
    }
}
