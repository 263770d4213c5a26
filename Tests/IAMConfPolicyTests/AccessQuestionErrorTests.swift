import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// Questions that cannot be asked: each error has a stable code and a hint.
@Suite struct AccessQuestionErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var question: AccessQuestion
        var code: String
        var hint: String
        var description: String { code }
    }

    static let cases: [Case] = [
        Case(question: AccessQuestion(principal: "source.user.alicia", action: "s3:GetObject", resource: "*"),
             code: "unknown-user", hint: "did you mean source.user.alice?"),
        Case(question: AccessQuestion(principal: "nowhere.user.alice", action: "s3:GetObject", resource: "*"),
             code: "invalid-address", hint: "accounts in this configuration: target, source; an ARN works too"),
        Case(question: AccessQuestion(principal: "source.user.alice", assume: ["target.role.Missing"], action: "s3:GetObject", resource: "*"),
             code: "unknown-role", hint: "roles in target: S3Access"),
        Case(question: AccessQuestion(principal: "source.user.alice", action: "s3:GetObject", resource: "shared-reports"),
             code: "invalid-arn", hint: "give an ARN like arn:aws:s3:::bucket/key or arn:aws:iam::123456789012:role/NAME, or * for any resource"),
        Case(question: AccessQuestion(principal: "source.user.alice", action: "PutObject", resource: "*"),
             code: "invalid-action", hint: "write it as service:Operation, e.g. s3:PutObject"),
        // A misspelt action would otherwise be decided, and allowed through a wildcard such as iam:*.
        Case(question: AccessQuestion(principal: "source.user.alice", action: "iam:ListUserz", resource: "*"),
             code: "policy-action-unknown", hint: "did you mean 'iam:ListUsers'?"),
        Case(question: AccessQuestion(principal: "source.user.alice", action: "s4:GetObject", resource: "*"),
             code: "policy-action-unknown-service", hint: "did you mean 's3'? (s3:GetObject)"),
        Case(question: AccessQuestion(principal: "arn:aws:iam::222222222222:user/alice", action: "s3:GetObject", resource: "*"),
             code: "unknown-user", hint: "check the account id, path and name; `iamconf validate` lists what the configuration defines"),
        Case(question: AccessQuestion(principal: "arn:nope", action: "s3:GetObject", resource: "*"),
             code: "invalid-arn", hint: "give a user, role, assumed-role or root ARN (arn:aws:iam::123456789012:user/NAME), or an address like source.user.alice"),
        Case(question: AccessQuestion(principal: "source.user.alice", action: "s3:GetObject", resource: "*", sessionName: "a"),
             code: "invalid-session-name", hint: "use 2 to 64 letters, digits or _+=,.@- (pass --session-name)"),
    ]

    @Test(arguments: cases)
    func refusedWithCodeAndHint(_ testCase: Case) {
        let analyzer = AccessFixtures.analyzer(AccessFixtures.crossAccount())
        #expect(throws: AccessError.self) { try analyzer.answer(testCase.question) }
        do {
            _ = try analyzer.answer(testCase.question)
        } catch {
            #expect(error.code == testCase.code)
            #expect(error.hint == testCase.hint)
        }
    }

    @Test func rootAndARNPrincipalsResolve() throws {
        let analyzer = AccessFixtures.analyzer(AccessFixtures.crossAccount())
        let root = try analyzer.answer(AccessQuestion(principal: "target.root", action: "ec2:RunInstances", resource: "*"))
        #expect(root.isAllowed)
        #expect(root.steps[0].callerARN == "arn:aws:iam::111111111111:root")
        let session = try analyzer.answer(AccessQuestion(
            principal: "arn:aws:sts::111111111111:assumed-role/S3Access/bob", action: "s3:PutObject", resource: "arn:aws:s3:::shared-reports/x"))
        #expect(session.isAllowed)
        #expect(session.steps[0].callerName == "target.role.S3Access")
        let viaARN = try analyzer.answer(AccessQuestion(
            principal: AccessFixtures.aliceARN, assume: [AccessFixtures.roleARN], action: "s3:PutObject",
            resource: "arn:aws:s3:::shared-reports/x", isMFAAuthenticated: true))
        #expect(viaARN.isAllowed)
    }
}
