import Foundation
import IAMConfCore
@testable import IAMConfPolicy

/// Configurations built in code for the access analyzer's tests: the cross-account walkthrough and
/// small variations of it, with known statement locations.
enum AccessFixtures {
    static let source = "222222222222"
    static let target = "111111111111"
    static let aliceARN = "arn:aws:iam::222222222222:user/engineering/alice"
    static let roleARN = "arn:aws:iam::111111111111:role/S3Access"
    /// 2026-01-02T03:04:05Z
    static let now = UTCTime(secondsSince1970: 1_767_323_045)

    static func document(_ json: String, file: String = "test.yaml", line: Int = 1) -> PolicySource {
        let value = (try? JSONParser.parse(json)) ?? .null
        let count = value["Statement"]?.arrayValue?.count ?? 1
        let locations = (0..<count).map { Optional(SourceLocation(file: file, line: line + $0 * 4, column: 15)) }
        return PolicySource(document: value, statementLocations: locations)
    }

    static func allow(_ action: String, _ resource: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"\#(resource)"}]}"#
    }

    static func trust(_ principal: String, mfa: Bool = false) -> String {
        let condition = mfa ? #","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"# : ""
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"\#(condition)}]}"#
    }

    /// The seed walkthrough: alice in source may assume S3Access in target (with MFA), which has
    /// AmazonS3FullAccess; target owns the bucket shared-reports.
    static func crossAccount(withAssumePolicy: Bool = true, trustPolicy: String? = nil) -> Configuration {
        var sourceAccount = Account(name: "source", id: source)
        sourceAccount.policies = [ManagedPolicy(
            name: "AssumeS3Access", document: document(allow("sts:AssumeRole", roleARN), file: "source.yaml", line: 12))]
        var alice = User(name: "alice")
        alice.path = "/engineering/"
        alice.tags = [Tag(key: "team", value: "data")]
        if withAssumePolicy {
            alice.policies = [PolicyAttachment(
                arn: "arn:aws:iam::222222222222:policy/AssumeS3Access", name: "AssumeS3Access", isAWSManaged: false)]
        }
        sourceAccount.users = [alice]
        var targetAccount = Account(name: "target", id: target)
        var role = Role(
            name: "S3Access",
            trustPolicy: document(trustPolicy ?? trust("arn:aws:iam::\(source):root", mfa: true), file: "target.yaml", line: 14))
        role.policies = [PolicyAttachment(
            arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", isAWSManaged: true)]
        targetAccount.roles = [role]
        targetAccount.buckets = [Bucket(name: "shared-reports")]
        return Configuration(accounts: [targetAccount, sourceAccount])
    }

    static func analyzer(_ configuration: Configuration) -> AccessAnalyzer {
        AccessAnalyzer(configuration: configuration, now: now)
    }

    static func value(_ step: AccessStep, _ key: String) -> [String]? {
        step.context.first { $0.key.lowercased() == key.lowercased() }?.values
    }
}
