import Foundation
import IAMConfCore
@testable import IAMConfPolicy

/// Small configurations built in code for the who-can and escalation tests, with known statement
/// locations (`file:line` of each statement, four lines apart).
enum ReachFixtures {
    static let now = AccessFixtures.now

    static func policy(_ statements: [String], file: String = "lab.yaml", line: Int = 10) -> PolicySource {
        AccessFixtures.document(#"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#, file: file, line: line)
    }

    static func allow(_ actions: [String], _ resource: String, condition: String? = nil) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Effect":"Allow","Action":[\#(list)],"Resource":"\#(resource)"\#(condition.map { ",\"Condition\":\($0)" } ?? "")}"#
    }

    static func deny(_ actions: [String], _ resource: String) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Effect":"Deny","Action":[\#(list)],"Resource":"\#(resource)"}"#
    }

    static func trust(aws principal: String, condition: String? = nil) -> String {
        #"{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"\#(condition.map { ",\"Condition\":\($0)" } ?? "")}"#
    }

    static func trust(service: String) -> String {
        #"{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"}"#
    }

    static let mfa = #"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#

    static func inline(_ name: String, _ statements: [String], file: String = "lab.yaml", line: Int = 10) -> InlinePolicy {
        InlinePolicy(name: name, document: policy(statements, file: file, line: line))
    }

    static let administratorAccess = PolicyAttachment(
        arn: "arn:aws:iam::aws:policy/AdministratorAccess", name: "AdministratorAccess", isAWSManaged: true)

    static func role(_ name: String, trust statements: [String], inline: [InlinePolicy] = [], file: String = "lab.yaml", line: Int = 50) -> Role {
        var role = Role(name: name, trustPolicy: policy(statements, file: file, line: line))
        role.inlinePolicies = inline
        return role
    }

    static func graph(_ accounts: [Account]) -> TrustGraph {
        TrustGraph(analyzer: AccessAnalyzer(configuration: Configuration(accounts: accounts), now: now))
    }
}
