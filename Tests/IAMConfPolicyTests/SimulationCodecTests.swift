import IAMConfCore
import IAMConfPolicy
import Testing

/// Bad simulate input and the member the error must name.
struct BadSimulateInput: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let member: String?
    let messageContains: String

    var testDescription: String { name }
}

private let okPolicy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#

let badSimulateInputs: [BadSimulateInput] = [
    BadSimulateInput(name: "not JSON", json: "{\n  \"ActionNames\": [\"s3:GetObject\",]\n}", member: nil, messageContains: "invalid JSON at 2:34"),
    BadSimulateInput(name: "not an object", json: "[]", member: nil, messageContains: "JSON object"),
    BadSimulateInput(name: "unknown member", json: #"{"ActionNames":["s3:GetObject"],"Actions":[]}"#, member: "Actions", messageContains: "unknown member"),
    BadSimulateInput(name: "missing ActionNames", json: #"{"PolicyInputList":[]}"#, member: "ActionNames", messageContains: "required"),
    BadSimulateInput(name: "empty ActionNames", json: #"{"ActionNames":[]}"#, member: "ActionNames", messageContains: "empty"),
    BadSimulateInput(name: "ActionNames entry not a string", json: #"{"ActionNames":["s3:GetObject", 3]}"#, member: "ActionNames[1]", messageContains: "string"),
    BadSimulateInput(name: "ResourceArns entry not an ARN", json: #"{"ActionNames":["s3:GetObject"],"ResourceArns":["bucket"]}"#, member: "ResourceArns[0]", messageContains: "not an ARN"),
    BadSimulateInput(name: "PolicyInputList not a list", json: #"{"ActionNames":["s3:GetObject"],"PolicyInputList":{}}"#, member: "PolicyInputList", messageContains: "list"),
    BadSimulateInput(name: "policy string not JSON", json: #"{"ActionNames":["s3:GetObject"],"PolicyInputList":["{\"Version\": }"]}"#, member: "PolicyInputList[0]", messageContains: "not valid JSON at 1:13"),
    BadSimulateInput(name: "policy neither object nor string", json: #"{"ActionNames":["s3:GetObject"],"PolicyInputList":[5]}"#, member: "PolicyInputList[0]", messageContains: "JSON object or a JSON string"),
    BadSimulateInput(name: "policy grammar error", json: #"{"ActionNames":["s3:GetObject"],"PolicyInputList":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}]}"#, member: "PolicyInputList[0]", messageContains: "[policy-resource-missing]"),
    BadSimulateInput(name: "identity policy with a principal", json: #"{"ActionNames":["s3:GetObject"],"SessionPolicyInputList":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}}]}"#, member: "SessionPolicyInputList[0]", messageContains: "policy-principal-not-allowed"),
    BadSimulateInput(name: "resource policy without principal", json: #"{"CallerArn":"arn:aws:iam::111122223333:user/a","ActionNames":["s3:GetObject"],"ResourcePolicy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}}"#, member: "ResourcePolicy", messageContains: "policy-principal-missing"),
    BadSimulateInput(name: "resource policy without caller", json: #"{"ActionNames":["s3:GetObject"],"ResourcePolicy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}}"#, member: "CallerArn", messageContains: "required when ResourcePolicy"),
    BadSimulateInput(name: "caller not a principal", json: #"{"CallerArn":"alice","ActionNames":["s3:GetObject"]}"#, member: "CallerArn", messageContains: "IAM user ARN"),
    BadSimulateInput(name: "caller role not a role", json: #"{"CallerArn":"arn:aws:sts::111122223333:assumed-role/R/s","CallerRoleArn":"arn:aws:iam::111122223333:user/R","ActionNames":["s3:GetObject"]}"#, member: "CallerRoleArn", messageContains: "role ARN"),
    BadSimulateInput(name: "resource owner not an account", json: #"{"ActionNames":["s3:GetObject"],"ResourceOwner":"acme"}"#, member: "ResourceOwner", messageContains: "12-digit"),
    BadSimulateInput(name: "context entries not a list", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":{}}"#, member: "ContextEntries", messageContains: "list"),
    BadSimulateInput(name: "context entry without a name", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyValues":["a"]}]}"#, member: "ContextEntries[0].ContextKeyName", messageContains: "required"),
    BadSimulateInput(name: "context entry unknown type", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"aws:SourceIp","ContextKeyValues":["1.2.3.4"],"ContextKeyType":"ipaddress"}]}"#, member: "ContextEntries[0].ContextKeyType", messageContains: "stringList"),
    BadSimulateInput(name: "context value not valid for its type", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"aws:SourceIp","ContextKeyValues":["1.2.3"],"ContextKeyType":"ip"}]}"#, member: "ContextEntries[0].ContextKeyValues[0]", messageContains: "not a valid ip"),
    BadSimulateInput(name: "several values for a single-valued type", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"aws:username","ContextKeyValues":["a","b"],"ContextKeyType":"string"}]}"#, member: "ContextEntries[0].ContextKeyValues", messageContains: "stringList"),
    BadSimulateInput(name: "context entry unknown member", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","Values":["a"]}]}"#, member: "ContextEntries[0].Values", messageContains: "unknown member"),
    BadSimulateInput(name: "context values not a list", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","ContextKeyValues":"x"}]}"#, member: "ContextEntries[0].ContextKeyValues", messageContains: "list of strings"),
    BadSimulateInput(name: "context value a number", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","ContextKeyValues":[1]}]}"#, member: "ContextEntries[0].ContextKeyValues[0]", messageContains: "must be strings"),
    BadSimulateInput(name: "context value a huge number", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","ContextKeyValues":[1e999999],"ContextKeyType":"numeric"}]}"#, member: "ContextEntries[0].ContextKeyValues[0]", messageContains: "must be strings"),
    BadSimulateInput(name: "numeric context value not decimal", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","ContextKeyValues":["1e999999"],"ContextKeyType":"numeric"}]}"#, member: "ContextEntries[0].ContextKeyValues[0]", messageContains: "not a valid numeric"),
    BadSimulateInput(name: "context value a boolean", json: #"{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"a:b","ContextKeyValues":[true]}]}"#, member: "ContextEntries[0].ContextKeyValues[0]", messageContains: "must be strings"),
    BadSimulateInput(name: "control characters in an unknown member are escaped", json: #"{"ActionNames":["s3:GetObject"],"\u001b]0;x\u0007":1}"#, member: "\\u{1B}]0;x\\u{7}", messageContains: "unknown member"),
    BadSimulateInput(name: "control characters in an action are escaped", json: #"{"ActionNames":["\u001b[2J"]}"#, member: "ActionNames[0]", messageContains: "'\\u{1B}[2J' is not an action name"),
    BadSimulateInput(name: "action without a service", json: #"{"ActionNames":["notanaction"]}"#, member: "ActionNames[0]", messageContains: "service:action"),
    BadSimulateInput(name: "PolicyInputList null", json: #"{"ActionNames":["s3:GetObject"],"PolicyInputList":null}"#, member: "PolicyInputList", messageContains: "list"),
]

@Suite struct SimulationCodecTests {
    @Test(arguments: badSimulateInputs)
    func badInputNamesTheMember(_ input: BadSimulateInput) {
        switch SimulationRequest.decode(text: input.json) {
        case .success:
            Issue.record("accepted bad input")
        case let .failure(error):
            #expect(error.member == input.member)
            #expect(error.message.contains(input.messageContains), "\(error.message)")
        }
    }

    @Test func oversizedInputIsRejectedNotEvaluated() {
        let actions = (0..<400).map { "\"s3:Action\($0)\"" }.joined(separator: ",")
        let resources = (0..<400).map { "\"arn:aws:s3:::b/\($0)\"" }.joined(separator: ",")
        let tooMany = SimulationRequest.decode(text: "{\"ActionNames\":[\(actions)],\"ResourceArns\":[\(resources)]}")
        #expect(tooMany.failureMember == "ResourceArns")
        let bigPolicy = String(repeating: " ", count: 131_073)
        let tooLong = SimulationRequest.decode(.object([
            ("ActionNames", .array([.string("s3:GetObject")])), ("PolicyInputList", .array([.string(bigPolicy + okPolicy)])),
        ]))
        #expect(tooLong.failureMember == "PolicyInputList[0]")
    }

    @Test func policiesAsObjectsAndStringsGiveAWSPositions() throws {
        let text = #"{"CallerArn":"arn:aws:iam::111122223333:user/alice","ActionNames":["s3:GetObject"],"PolicyInputList":[\#(String(reflecting: okPolicy)), {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}]}"#
        let request = try SimulationRequest.decode(text: text).get()
        #expect(request.resourceARNs == ["*"])
        let response = Simulation.response(request, Simulation.evaluate(request))
        let expected = #"{"EvaluationResults":[{"EvalActionName":"s3:GetObject","EvalResourceName":"*","EvalDecision":"allowed","MatchedStatements":[{"SourcePolicyId":"PolicyInputList.1","SourcePolicyType":"IAM Policy","StartPosition":{"Line":1,"Column":37},"EndPosition":{"Line":1,"Column":86}},{"SourcePolicyId":"PolicyInputList.2","SourcePolicyType":"IAM Policy","StartPosition":{"Line":1,"Column":95},"EndPosition":{"Line":1,"Column":152}}],"MissingContextValues":[]}]}"#
        #expect(response.compactText() == expected)
    }

    @Test func statementSpansFollowAWSConvention() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                }
              ]
            }
            """
        let spans = StatementSpan.scan(text)
        #expect(spans == [StatementSpan(start: .init(line: 3, column: 17), end: .init(line: 8, column: 6))])
        #expect(StatementSpan.scan("not json").isEmpty)
    }

    @Test func contextIsExactlyWhatWasGiven() throws {
        let text = #"{"CallerArn":"arn:aws:iam::111122223333:user/alice","ActionNames":["s3:GetObject"],"ResourceArns":["arn:aws:s3:::b/alice/x"],"PolicyInputList":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}}]}"#
        let request = try SimulationRequest.decode(text: text).get()
        #expect(request.context.isEmpty)
        let result = try #require(Simulation.evaluate(request).first)
        #expect(result.decision.outcome == .implicitDeny)
        #expect(result.decision.missingContextKeys == ["aws:username"])
    }

    /// SimulateCustomPolicy: "CallerArn is required if you include a ResourcePolicy"; otherwise the
    /// identity-side policies are simulated on their own.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
    @Test func callerIsRequiredOnlyWithAResourcePolicy() throws {
        let identityOnly = #"{"ActionNames":["dynamodb:GetItem","s3:GetObject"],"ResourceArns":["arn:aws:dynamodb:us-east-1:111122223333:table/Books"],"PolicyInputList":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:*"}}],"PermissionsBoundaryPolicyInputList":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}}]}"#
        let request = try SimulationRequest.decode(text: identityOnly).get()
        #expect(request.caller == nil)
        #expect(Simulation.evaluate(request).map(\.decision.outcome) == [.allowed, .implicitDeny])
        let withResourcePolicy = #"{"ActionNames":["kms:Decrypt"],"ResourcePolicy":{"Version":"2012-10-17","Statement":{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}}}"#
        #expect(SimulationRequest.decode(text: withResourcePolicy).failureMember == "CallerArn")
    }

    /// Resource policies follow their service's Sid rules: KMS's default key policy is accepted as written.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    @Test func resourcePolicySidsMayHoldSpacesButIdentitySidsMayNot() throws {
        let keyPolicy = #"{"Version":"2012-10-17","Statement":{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}}"#
        let accepted = #"{"CallerArn":"arn:aws:iam::111122223333:user/alice","ActionNames":["kms:Decrypt"],"ResourcePolicy":\#(keyPolicy)}"#
        let request = try SimulationRequest.decode(text: accepted).get()
        #expect(request.resourcePolicy?.compiled.document.statements.first?.sid == "Enable IAM User Permissions")
        let identity = #"{"ActionNames":["kms:Decrypt"],"PolicyInputList":[{"Version":"2012-10-17","Statement":{"Sid":"Allow decrypt","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}]}"#
        let refused = SimulationRequest.decode(text: identity)
        #expect(refused.failureMember == "PolicyInputList[0]")
    }

    @Test func warningsAreKeptPerMember() throws {
        let text = #"{"ActionNames":["s3:GetObject"],"PermissionsBoundaryPolicyInputList":[{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]}"#
        let request = try SimulationRequest.decode(text: text).get()
        #expect(request.warnings.map(\.code) == ["policy-version-missing"])
        #expect(request.warnings.first?.address == "PermissionsBoundaryPolicyInputList[0]")
    }
}

extension Result where Failure == SimulationInputError {
    var failureMember: String? {
        if case let .failure(error) = self { return error.member }
        return nil
    }
}
