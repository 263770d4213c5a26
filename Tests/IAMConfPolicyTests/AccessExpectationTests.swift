import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// `ExpectationRunner`: what `iamconf test` and `plan` run.
@Suite struct AccessExpectationTests {
    static func expectation(_ name: String, assume: [String] = [], action: String, context: [String: [String]] = [:], expect: IAMConfCore.Expectation.Outcome, line: Int) -> IAMConfCore.Expectation {
        var expectation = IAMConfCore.Expectation(
            principal: "source.user.alice", action: action, resource: "arn:aws:s3:::shared-reports/*", expected: expect,
            location: SourceLocation(file: "source.yaml", line: line, column: 5))
        expectation.name = name
        expectation.assume = assume
        expectation.context = context
        return expectation
    }

    @Test func passesAndFailuresWithExplanations() {
        var configuration = AccessFixtures.crossAccount()
        configuration.expectations = [
            Self.expectation("with MFA", assume: ["target.role.S3Access"], action: "s3:PutObject",
                             context: ["aws:MultiFactorAuthPresent": ["true"]], expect: .allow, line: 24),
            Self.expectation("without MFA", assume: ["target.role.S3Access"], action: "s3:PutObject", expect: .deny, line: 31),
            Self.expectation("wrongly expected", action: "s3:PutObject", expect: .allow, line: 37),
            Self.expectation("unknown role", assume: ["target.role.Nope"], action: "s3:PutObject", expect: .deny, line: 43),
        ]
        let results = ExpectationRunner.run(configuration, now: AccessFixtures.now)
        #expect(results.map(\.isPassed) == [true, true, false, false])
        #expect(!ExpectationRunner.allPassed(results))
        #expect(results[0].text == "PASS with MFA (source.yaml:24)\n")
        let failure = results[2].text
        #expect(failure.hasPrefix("FAIL wrongly expected (source.yaml:37)\n  expected allow, got DENIED (implicit deny: no policy allows s3:PutObject on arn:aws:s3:::shared-reports/*)\n"))
        #expect(results[3].error?.code == "unknown-role")
        #expect(results[3].text.contains("cannot evaluate: account target has no role named 'Nope'"))
        #expect(results.reportText.hasSuffix("2 passed, 2 failed\n"))
        #expect(results.reportJSON["failed"] == .number("2"))
    }

    @Test func noExpectationsAllPass() {
        let results = ExpectationRunner.run(AccessFixtures.crossAccount(), now: AccessFixtures.now)
        #expect(results.isEmpty)
        #expect(ExpectationRunner.allPassed(results))
        #expect(results.reportText == "0 passed, 0 failed\n")
    }
}
