import Foundation
import IAMConfConfig
import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// The bundled AWS managed policy catalog.
@Suite struct ManagedPolicyCatalogTests {
    let catalog = ManagedPolicyCatalog.shared

    @Test func holdsTheCommonPolicies() {
        #expect(catalog.policies.count >= 40)
        for name in ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess",
                     "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess",
                     "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy", "AWSLambdaBasicExecutionRole",
                     "AmazonDynamoDBFullAccess", "ViewOnlyAccess"] {
            #expect(catalog.policy(named: name) != nil, "\(name) missing")
        }
    }

    @Test("the catalog compiled into the binary is the JSON file, byte for byte (run docs/scripts/embed-managed-policies.py)")
    func compiledCatalogMatchesTheJSON() throws {
        let json = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/IAMConfPolicy/Resources/aws-managed-policies.json")
        #expect(try String(contentsOf: json, encoding: .utf8) == ManagedPolicyCatalog.bundledJSON)
        #expect(catalog.policies.count == 68)
    }

    @Test func namesPathsAndARNsAgree() {
        for policy in catalog.policies {
            #expect(policy.arn == "arn:aws:iam::aws:policy\(policy.path)\(policy.name)")
            #expect(policy.document["Statement"] != nil)
            #expect(policy.defaultVersionID.hasPrefix("v"))
        }
        #expect(Set(catalog.names).count == catalog.policies.count)
    }

    @Test func lookupsAreCaseSensitiveAndWorkByARN() {
        #expect(catalog.policy(named: "AWSLambdaBasicExecutionRole")?.path == "/service-role/")
        #expect(catalog.policy(named: "ViewOnlyAccess")?.arn == "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
        #expect(catalog.policy(named: "amazons3fullaccess") == nil)
        #expect(catalog.policy(arn: "arn:aws:iam::aws:policy/AdministratorAccess")?.name == "AdministratorAccess")
        let admin = catalog.policy(named: "AdministratorAccess")?.document
        #expect(admin?.compactText() == #"{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}"#)
    }

    @Test func everyDocumentPassesThePolicyGrammar() {
        for policy in catalog.policies {
            let problems = PolicyDocument.parse(policy.document, kind: .identity).diagnostics.filter { $0.severity == .error }
            #expect(problems.isEmpty, "\(policy.name): \(problems.map(\.summary))")
        }
    }

    @Test func unreadableCatalogTextThrowsInsteadOfCrashing() {
        #expect(throws: JSONParser.Failure.self) { try ManagedPolicyCatalog(jsonText: "{\"policies\": [") }
    }
}
