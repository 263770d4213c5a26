import IAMConfConfig
import IAMConfCore
import Testing

/// `policies:` and `permissions_boundary:` naming AWS managed policies: what IAM would attach is
/// accepted, what it would refuse is an error with the policy the user most likely meant (issue 14).
@Suite struct ManagedPolicyReferenceTests {
    static func load(_ reference: String) -> Diagnostics {
        let text = "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      alice: { policies: [\"\(reference)\"] }\n"
        return ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
    }

    @Test(arguments: [
        "AmazonMQFullAccess", "arn:aws:iam::aws:policy/AmazonMQFullAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/job-function/Billing",
    ])
    func aRealAWSManagedPolicyIsAccepted(_ reference: String) {
        let diagnostics = Self.load(reference)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.summary))")
    }

    @Test(arguments: [
        // The right name under the wrong path: the hint gives the real ARN.
        ("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole", "did you mean 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'?"),
        // A typo in the name: the hint gives the nearest policy's ARN.
        ("arn:aws:iam::aws:policy/AmazonMQFullAcess", "did you mean 'arn:aws:iam::aws:policy/AmazonMQFullAccess'?"),
    ])
    func anUnknownARNIsAnErrorWithTheARNItProbablyMeant(_ reference: String, hint: String) throws {
        let diagnostics = Self.load(reference)
        let problem = try #require(diagnostics.first { $0.code == "unknown-managed-policy" })
        #expect(problem.severity == .error)
        #expect(problem.hint == hint)
        #expect(problem.location?.line == 5)
    }

    @Test func anUnknownNameIsAnErrorWithTheNameItProbablyMeant() throws {
        let diagnostics = Self.load("AmazonMQFullAcess")
        let problem = try #require(diagnostics.first { $0.code == "unknown-policy" })
        #expect(problem.severity == .error)
        #expect(problem.hint == "did you mean 'AmazonMQFullAccess'?")
    }
}
