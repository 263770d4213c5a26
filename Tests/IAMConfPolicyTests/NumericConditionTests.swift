import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// IAM numeric condition values are decimal numbers; text Swift's `Double()` happens to read
/// (hex, inf, nan, exponents, a leading +) is not a number to IAM, so it never compares as one.
@Suite struct NumericConditionTests {
    @Test(arguments: ["10", "-2.5", "0", "0.5", "007", "-0"])
    func decimalNumbersParse(_ text: String) {
        #expect(DecimalNumber.parse(text) == Double(text))
    }

    @Test(arguments: ["0x10", "inf", "nan", "Infinity", "1e309", "+5", "1e3", ".5", "5.", "", "-", " 1", "1 ", "١٢", String(repeating: "9", count: 400)])
    func otherTextIsNotANumber(_ text: String) {
        #expect(DecimalNumber.parse(text) == nil)
    }

    static func decision(condition: String, contextValue: String) throws -> Decision {
        let text = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(condition)}}"#
        let (policy, _) = CompiledPolicy.compile(try JSONParser.parse(text), kind: .identity, id: "p")
        var context = RequestContext()
        context.set("a:n", [contextValue])
        let alice = Principal(kind: .user, arn: "arn:aws:iam::111122223333:user/alice", account: "111122223333")
        return PolicyEvaluator.evaluate(AccessRequest(principal: alice, action: "s3:GetObject", resource: "*", context: context,
                                                      identityPolicies: [try #require(policy)]))
    }

    @Test(arguments: [("5", true), ("-2.5", true), ("0x5", false), ("inf", false), ("-inf", false), ("nan", false), ("+5", false), ("1e0", false)])
    func requestValuesCompareOnlyWhenDecimal(_ value: String, _ allowed: Bool) throws {
        let decision = try Self.decision(condition: #"{"NumericLessThan":{"a:n":"10"}}"#, contextValue: value)
        #expect(decision.isAllowed == allowed)
    }

    @Test func aNonDecimalPolicyValueNeverMatches() throws {
        // CompiledCondition must not read "inf" as a number even when the grammar is bypassed.
        let compiled = CompiledCondition.compile("inf", .numericLessThan)
        if case .number = compiled { Issue.record("inf compiled to a number") }
    }
}
