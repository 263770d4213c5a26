import Foundation
import IAMConfConfig
import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// The bundled AWS managed policy catalog.
@Suite struct ManagedPolicyCatalogTests {
    let catalog = ManagedPolicyCatalog.shared

    static let jsonURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/IAMConfPolicy/Resources/aws-managed-policies.json")

    @Test func holdsTheCommonPolicies() {
        for name in ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess",
                     "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess",
                     "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy", "AWSLambdaBasicExecutionRole",
                     "AmazonDynamoDBFullAccess", "ViewOnlyAccess"] {
            #expect(catalog.policy(named: name) != nil, "\(name) missing")
        }
    }

    /// The catalog holds every AWS managed policy of the data it is made from, service-linked role
    /// policies included, so an ARN outside it names no policy at all (issue 14).
    @Test func holdsEveryPolicyOfTheData() {
        #expect(catalog.count == 1_485)
        #expect(catalog.policy(named: "AmazonMQFullAccess")?.arn == "arn:aws:iam::aws:policy/AmazonMQFullAccess")
        #expect(catalog.policy(named: "AutoScalingServiceRolePolicy")?.arn == "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")
        #expect(Set(catalog.policies.map(\.path)) == ["/", "/service-role/", "/job-function/", "/aws-service-role/", "/root-task/"])
    }

    @Test("the catalog compiled into the binary is the JSON file, byte for byte (run docs/scripts/embed-managed-policies.py)")
    func compiledCatalogMatchesTheJSON() throws {
        #expect(try String(contentsOf: Self.jsonURL, encoding: .utf8) == ManagedPolicyCatalog.bundledJSON)
    }

    /// The start-up index reads only the line layout; a full JSON parse of the same text must agree.
    @Test func theLineIndexAgreesWithAFullParse() throws {
        let parsed = try ManagedPolicyCatalog(jsonText: ManagedPolicyCatalog.bundledJSON)
        #expect(parsed.count == catalog.count)
        for (indexed, full) in zip(catalog.policies, parsed.policies) {
            #expect(indexed.name == full.name && indexed.path == full.path && indexed.arn == full.arn)
            #expect(indexed.defaultVersionID == full.defaultVersionID)
            // Stored as the compact text the simulator answers GetPolicy with, byte for byte.
            #expect(indexed.documentText == full.documentText, "\(indexed.name)")
        }
    }

    @Test func namesPathsAndARNsAgree() {
        for policy in catalog.policies {
            #expect(policy.arn == "arn:aws:iam::aws:policy\(policy.path)\(policy.name)")
            #expect(policy.defaultVersionID.hasPrefix("v"))
        }
        #expect(Set(catalog.names).count == catalog.count)
        #expect(Set(catalog.arns).count == catalog.count)
    }

    @Test func lookupsAreCaseSensitiveAndWorkByARN() {
        #expect(catalog.policy(named: "AWSLambdaBasicExecutionRole")?.path == "/service-role/")
        #expect(catalog.policy(named: "ViewOnlyAccess")?.arn == "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
        #expect(catalog.policy(named: "amazons3fullaccess") == nil)
        #expect(catalog.policy(arn: "arn:aws:iam::aws:policy/AdministratorAccess")?.name == "AdministratorAccess")
        #expect(catalog.contains(arn: "arn:aws:iam::aws:policy/AmazonMQFullAccess"))
        #expect(!catalog.contains(arn: "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"))
        let admin = catalog.policy(named: "AdministratorAccess")?.document
        #expect(admin?.compactText() == #"{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}"#)
    }

    /// AWS writes its managed policies itself, without CreatePolicy's checks: one of them has a
    /// resource with an empty resource part (`arn:aws:organizations::*:`), which IAM refuses in a
    /// customer policy and iamconf's grammar therefore refuses too. Access checks leave that one
    /// policy out with a note; every other document must read.
    static let documentsIAMWouldRefuse: Set<String> = ["AmazonDevOpsGuruOrganizationsAccess"]

    @Test func everyDocumentPassesThePolicyGrammar() {
        for policy in catalog.policies where !Self.documentsIAMWouldRefuse.contains(policy.name) {
            let problems = PolicyDocument.parse(policy.document, kind: .identity).diagnostics.filter { $0.severity == .error }
            #expect(problems.isEmpty, "\(policy.name): \(problems.map(\.summary))")
        }
    }

    @Test func aCatalogBuiltFromPoliciesReadsLikeTheBundledOne() {
        let built = ManagedPolicyCatalog(policies: [
            AWSManagedPolicy(name: "X", arn: "arn:aws:iam::aws:policy/team/X", path: "/team/", defaultVersionID: "v3",
                             documentText: #"{"Version":"2012-10-17","Statement":[]}"#),
        ])
        #expect(built.count == 1)
        #expect(built.policy(arn: "arn:aws:iam::aws:policy/team/X")?.defaultVersionID == "v3")
        #expect(built.policy(named: "X")?.document["Version"]?.stringValue == "2012-10-17")
    }

    @Test func unreadableCatalogTextThrowsInsteadOfCrashing() {
        #expect(throws: JSONParser.Failure.self) { try ManagedPolicyCatalog(jsonText: "{\"policies\": [") }
    }

    /// Not a timed test: run with IAMCONF_MEASURE=1 to print what the catalog costs (numbers kept
    /// in Sources/IAMConfPolicy/README.md). The index is what a run that names one AWS managed
    /// policy pays; parsing every document is what the earlier eager catalog would have paid.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["IAMCONF_MEASURE"] == "1"))
    func measureTheCatalog() throws {
        let clock = ContinuousClock()
        var index: CatalogIndex?
        let indexing = clock.measure { index = CatalogIndex(lines: ManagedPolicyCatalog.bundledJSON) }
        let lookup = clock.measure { _ = ManagedPolicyCatalog.shared.policy(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess")?.document }
        var documents = 0
        let everything = clock.measure {
            for policy in ManagedPolicyCatalog.shared.policies where policy.document != .null { documents += 1 }
        }
        print("catalog: \(ManagedPolicyCatalog.bundledJSON.utf8.count) bytes, \(index?.entries.count ?? 0) policies; "
              + "index \(indexing); ReadOnlyAccess lookup+parse \(lookup); parse all \(documents) documents \(everything)")
    }
}
