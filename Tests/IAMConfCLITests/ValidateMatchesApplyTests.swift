import Foundation
import IAMConfBackend
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfSimulator
import IAMConfState
import Testing

/// `validate` must catch what apply will be refused for (issue 14): every configuration of the
/// test corpus that loads without errors is planned and applied to an in-memory simulator (which
/// refuses what IAM refuses), and no operation may fail. A failure here is a `validate` bug.
@Suite struct ValidateMatchesApplyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// examples/ and the configuration fixtures of the loader's tests, each a directory.
    static let corpus: [String] = {
        let folders = ["examples", "Tests/IAMConfConfigTests/Fixtures/broken"]
        return folders.flatMap { folder -> [String] in
            let path = root.appendingPathComponent(folder).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { "\(folder)/\($0)" }.filter { directory in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: root.appendingPathComponent(directory).path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
        }
    }()

    /// Configurations at the edges of the rules `validate` adds for apply-time refusals: each is
    /// accepted, so each must apply.
    static let edges: [String] = [
        """
        accounts:
          a:
            id: "111111111111"
            roles:
              Other: { trust: { services: [ec2.amazonaws.com] } }
              R:
                trust_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: ["444455556666", "arn:aws:iam::111111111111:role/Other"] }
                      Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity, sts:SetContext]
                      Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } }
            buckets:
              corpus-reports:
                policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: "444455556666" }
                      Action: ["s3:GetObject", "s3:ListBucket"]
                      Resource: ["arn:aws:s3:::corpus-reports", "arn:aws:s3:::corpus-reports/*"]
                    - Effect: Deny
                      NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" }
                      Action: "s3:*"
                      Resource: "arn:aws:s3:::corpus-reports/private/*"
            identity_providers:
              corp_sso: { type: saml, metadata_file: \(root.path)/Tests/IAMConfConfigTests/Fixtures/rules/metadata.xml }

        """,
        // AWS managed policies beyond the common few, by name and by ARN with a path, and
        // service-linked roles whose policies AWS attaches (issue 14).
        """
        accounts:
          a:
            id: "111111111111"
            service_linked_roles:
              - service: autoscaling.amazonaws.com
                suffix: web
              - service: cloudtrail.amazonaws.com
            users:
              mq: { policies: [AmazonMQFullAccess, "arn:aws:iam::aws:policy/job-function/Billing"] }
            roles:
              Fn:
                trust: { services: [lambda.amazonaws.com] }
                policies: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
                permissions_boundary: AmazonS3ReadOnlyAccess

        """,
    ]

    @Test func theCorpusIsFound() {
        #expect(Self.corpus.count >= 60, "\(Self.corpus)")
    }

    @Test(arguments: corpus)
    func anAcceptedConfigurationApplies(_ directory: String) async throws {
        let (configuration, diagnostics) = ConfigurationLoader.load(path: Self.root.appendingPathComponent(directory).path)
        guard let configuration, !diagnostics.hasErrors else { return }  // validate refuses it: nothing to apply
        let failures = try await Self.apply(configuration)
        #expect(failures.isEmpty, "\(directory) passes validate but apply refuses: \(failures)")
    }

    @Test(arguments: edges.indices)
    func anAcceptedEdgeApplies(_ index: Int) async throws {
        let (configuration, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: Self.edges[index])])
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map { "\($0.location?.description ?? "-") \($0.code): \($0.summary)" })")
        let loaded = try #require(configuration)
        let failures = try await Self.apply(loaded)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The apply's failures, as `address: code message`.
    static func apply(_ configuration: Configuration) async throws -> [String] {
        let plan = Planner().plan(desired: DesiredResources.from(configuration), prior: nil, backend: .simulator)
        let catalog = ManagedPolicyCatalog.shared
        let simulator = try IAMSimulator(isAWSManagedPolicy: { catalog.contains(arn: $0) })
        let run = ApplyRun(state: State(lineage: "corpus", backend: .simulator), backend: simulator, sink: MemorySink())
        let (report, _) = await run.run(plan, parallelism: 4, interrupted: [])
        return report.failures.map { "\($0.address): \($0.error.code) \($0.error.message)" }
    }
}

/// Keeps the state in memory: the corpus test needs no state file.
private struct MemorySink: StateSink {
    func save(_ state: State) async throws -> State { state }
}
