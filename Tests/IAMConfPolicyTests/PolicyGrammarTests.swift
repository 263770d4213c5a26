import IAMConfCore
import IAMConfPolicy
import Testing

/// A grammar rule's example: a document, the kind it is used as, and the errors expected (code at path).
struct GrammarExample: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: PolicyKind
    let json: String
    let expected: [String]

    init(_ name: String, _ kind: PolicyKind = .identity, _ json: String, _ expected: [String] = []) {
        self.name = name
        self.kind = kind
        self.json = json
        self.expected = expected
    }

    var testDescription: String { name }
}

private func doc(_ statement: String, version: String = #""Version": "2012-10-17", "#) -> String {
    "{\(version)\"Statement\": [\(statement)]}"
}

private let allow = #""Effect": "Allow", "Action": "s3:GetObject", "Resource": "*""#
private let trustAllow = #""Effect": "Allow", "Action": "sts:AssumeRole""#

/// Passing examples: every one must parse without a single error.
let passingGrammarExamples: [GrammarExample] = [
    GrammarExample("minimal identity policy", .identity, doc("{\(allow)}")),
    GrammarExample("legacy version", .identity, doc("{\(allow)}", version: #""Version": "2008-10-17", "#)),
    GrammarExample("statement as a single object", .identity, #"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::a"]}}"#),
    GrammarExample("id and alphanumeric sids", .identity, #"{"Version": "2012-10-17", "Id": "p-1", "Statement": [{"Sid": "A1", \#(allow)}, {"Sid": "B2", \#(allow)}]}"#),
    GrammarExample("action wildcards", .identity, doc(#"{"Effect": "Allow", "Action": ["*", "s3:*", "s3:Get*", "s3:?etObject", "ec2-instance-connect:Send*"], "Resource": "*"}"#)),
    GrammarExample("resource patterns and variables", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:username}/*", "*"]}"#)),
    GrammarExample("every principal shape", .resource, doc(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/R", "arn:aws:sts::111122223333:assumed-role/R/s", "*"], "Service": "ec2.amazonaws.com", "Federated": "accounts.google.com", "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}"#)),
    GrammarExample("wildcard principal", .resource, doc(#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"}"#)),
    GrammarExample("trust policy", .trust, doc(#"{\#(trustAllow), "Principal": {"Service": "ec2.amazonaws.com"}}"#)),
    GrammarExample("resource policy Sid with spaces, as in KMS's default key policy", .resource, doc(#"{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}"#)),
    GrammarExample("bucket policy Sid with punctuation", .resource, doc(#"{"Sid": "read-only: reports", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}"#)),
    GrammarExample("resource ARN with fewer segments and a trailing wildcard", .identity, doc(#"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": ["arn:aws:dynamodb:us-east-1:*", "arn:aws:dynamodb:*", "arn:aws:lambda:us-*:function:*"]}"#)),
    GrammarExample("trust with NotPrincipal", .trust, doc(#"{"Effect": "Deny", "Action": "sts:AssumeRole", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"}}"#)),
    GrammarExample("every operator family", .identity, doc(#"{\#(allow), "Condition": {"StringEquals": {"a:b": "x"}, "StringNotEquals": {"a:b": "x"}, "StringEqualsIgnoreCase": {"a:b": "x"}, "StringNotEqualsIgnoreCase": {"a:b": "x"}, "StringLike": {"a:b": "x*"}, "StringNotLike": {"a:b": "x?"}, "NumericEquals": {"a:n": 1}, "NumericNotEquals": {"a:n": "1"}, "NumericLessThan": {"a:n": "1.5"}, "NumericLessThanEquals": {"a:n": "1"}, "NumericGreaterThan": {"a:n": "1"}, "NumericGreaterThanEquals": {"a:n": "1"}, "DateEquals": {"a:d": "2026-01-01T00:00:00Z"}, "DateNotEquals": {"a:d": "1735689600"}, "DateLessThan": {"a:d": "2026-01-01"}, "DateLessThanEquals": {"a:d": "2026-01-01T00:00:00+02:00"}, "DateGreaterThan": {"a:d": "2026-01-01T00:00:00.5Z"}, "DateGreaterThanEquals": {"a:d": "2026-01-01T00:00Z"}, "Bool": {"aws:SecureTransport": true}, "BinaryEquals": {"a:bin": "QmluYXJ5"}, "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}, "NotIpAddress": {"aws:SourceIp": "192.0.2.1"}, "ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}, "Null": {"aws:TokenIssueTime": "true"}}}"#)),
    GrammarExample("IfExists and set qualifiers", .identity, doc(#"{\#(allow), "Condition": {"StringEqualsIfExists": {"a:b": "x"}, "ForAllValues:StringLike": {"aws:TagKeys": ["a*"]}, "ForAnyValue:NumericLessThanIfExists": {"a:n": ["1", "2"]}}}"#)),
    GrammarExample("boundary, session policy and SCP follow the identity grammar", .boundary, doc("{\(allow)}")),
    GrammarExample("session policy", .sessionPolicy, doc("{\(allow)}")),
    GrammarExample("decimal numeric values", .identity, doc(#"{\#(allow), "Condition": {"NumericEquals": {"a:n": ["10", "-2.5", "0.5", "007", "${aws:x}"]}}}"#)),
    GrammarExample("resource ARNs with empty region and account, and variables", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:${aws:partition}:iam::${aws:PrincipalAccount}:user/${aws:username}", "arn:aws:ec2:*:*:instance/*", "arn:aws:sns:us-east-1:111122223333:t:sub"]}"#)),
    GrammarExample("service control policy", .scp, doc(#"{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}}}"#)),
]

/// Failing examples: each expects exactly these `code@path` errors, in order.
let failingGrammarExamples: [GrammarExample] = [
    GrammarExample("document not an object", .identity, "[]", ["policy-not-object@"]),
    GrammarExample("unknown top-level key", .identity, #"{"Version": "2012-10-17", "Statment": []}"#, ["policy-unknown-key@Statment", "policy-statement-missing@Statement"]),
    GrammarExample("bad version", .identity, doc("{\(allow)}", version: #""Version": "2012-10-18", "#), ["policy-version-invalid@Version"]),
    GrammarExample("version not a string", .identity, doc("{\(allow)}", version: #""Version": 2012, "#), ["policy-version-invalid@Version"]),
    GrammarExample("id not a string", .identity, #"{"Version": "2012-10-17", "Id": 5, "Statement": {\#(allow)}}"#, ["policy-element-type@Id"]),
    GrammarExample("no statement", .identity, #"{"Version": "2012-10-17"}"#, ["policy-statement-missing@Statement"]),
    GrammarExample("empty statement list", .identity, #"{"Version": "2012-10-17", "Statement": []}"#, ["policy-statement-empty@Statement"]),
    GrammarExample("statement not an object", .identity, doc(#""Allow""#), ["policy-statement-invalid@Statement[0]"]),
    GrammarExample("unknown statement key", .identity, doc(#"{\#(allow), "Actions": "s3:*"}"#), ["policy-unknown-key@Statement[0].Actions"]),
    GrammarExample("sid with punctuation", .identity, doc(#"{"Sid": "read-only", \#(allow)}"#), ["policy-sid-invalid@Statement[0].Sid"]),
    GrammarExample("sid not a string", .identity, doc(#"{"Sid": 1, \#(allow)}"#), ["policy-element-type@Statement[0].Sid"]),
    GrammarExample("duplicate sids", .identity, doc(#"{"Sid": "A", \#(allow)}, {"Sid": "A", \#(allow)}"#), ["policy-sid-duplicate@Statement[1].Sid"]),
    GrammarExample("missing effect", .identity, doc(#"{"Action": "s3:*", "Resource": "*"}"#), ["policy-effect-missing@Statement[0]"]),
    GrammarExample("effect in lower case", .identity, doc(#"{"Effect": "allow", "Action": "s3:*", "Resource": "*"}"#), ["policy-effect-invalid@Statement[0].Effect"]),
    GrammarExample("missing action", .identity, doc(#"{"Effect": "Allow", "Resource": "*"}"#), ["policy-action-missing@Statement[0]"]),
    GrammarExample("both Action and NotAction", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}"#), ["policy-action-conflict@Statement[0].NotAction"]),
    GrammarExample("action without a service prefix", .identity, doc(#"{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}"#), ["policy-action-invalid@Statement[0].Action"]),
    GrammarExample("bad action inside a list", .identity, doc(#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get Object", "s3:"], "Resource": "*"}"#), ["policy-action-invalid@Statement[0].Action[1]", "policy-action-invalid@Statement[0].Action[2]"]),
    GrammarExample("empty action list", .identity, doc(#"{"Effect": "Allow", "Action": [], "Resource": "*"}"#), ["policy-element-empty@Statement[0].Action"]),
    GrammarExample("action not a string", .identity, doc(#"{"Effect": "Allow", "Action": 5, "Resource": "*"}"#), ["policy-element-type@Statement[0].Action"]),
    GrammarExample("action list with a number", .identity, doc(#"{"Effect": "Allow", "Action": [5], "Resource": "*"}"#), ["policy-element-type@Statement[0].Action[0]"]),
    GrammarExample("missing resource in an identity policy", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*"}"#), ["policy-resource-missing@Statement[0]"]),
    GrammarExample("missing resource in a boundary", .boundary, doc(#"{"Effect": "Allow", "Action": "s3:*"}"#), ["policy-resource-missing@Statement[0]"]),
    GrammarExample("both Resource and NotResource", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "arn:aws:s3:::x"}"#), ["policy-resource-conflict@Statement[0].NotResource"]),
    GrammarExample("Sid with spaces in an identity policy", .identity, doc(#"{"Sid": "Enable IAM User Permissions", \#(allow)}"#), ["policy-sid-invalid@Statement[0].Sid"]),
    GrammarExample("Sid with spaces in a trust policy", .trust, doc(#"{"Sid": "Trust the account", \#(trustAllow), "Principal": {"AWS": "111122223333"}}"#), ["policy-sid-invalid@Statement[0].Sid"]),
    GrammarExample("Sid with spaces in a permissions boundary", .boundary, doc(#"{"Sid": "S3 only", \#(allow)}"#), ["policy-sid-invalid@Statement[0].Sid"]),
    GrammarExample("fewer segments without a trailing wildcard", .identity, doc(#"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": ["arn:aws:dynamodb:us-east-1", "arn:aws:dynamodb:us-east-1:table/Books", "arn:aws::*"]}"#),
                   ["policy-resource-invalid@Statement[0].Resource[0]", "policy-resource-invalid@Statement[0].Resource[1]", "policy-resource-invalid@Statement[0].Resource[2]"]),
    GrammarExample("resource that is not an ARN", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": "my-bucket"}"#), ["policy-resource-invalid@Statement[0].Resource"]),
    GrammarExample("resource in a trust policy", .trust, doc(#"{\#(trustAllow), "Principal": {"AWS": "111122223333"}, "Resource": "*"}"#), ["policy-resource-not-allowed@Statement[0].Resource"]),
    GrammarExample("principal in an identity policy", .identity, doc(#"{\#(allow), "Principal": "*"}"#), ["policy-principal-not-allowed@Statement[0].Principal"]),
    GrammarExample("principal in an SCP", .scp, doc(#"{\#(allow), "NotPrincipal": {"AWS": "111122223333"}}"#), ["policy-principal-not-allowed@Statement[0].NotPrincipal"]),
    GrammarExample("missing principal in a trust policy", .trust, doc("{\(trustAllow)}"), ["policy-principal-missing@Statement[0]"]),
    GrammarExample("missing principal in a bucket policy", .resource, doc("{\(allow)}"), ["policy-principal-missing@Statement[0]"]),
    GrammarExample("both Principal and NotPrincipal", .trust, doc(#"{\#(trustAllow), "Principal": "*", "NotPrincipal": "*"}"#), ["policy-principal-conflict@Statement[0].NotPrincipal"]),
    GrammarExample("principal string other than star", .trust, doc(#"{\#(trustAllow), "Principal": "alice"}"#), ["policy-principal-invalid@Statement[0].Principal"]),
    GrammarExample("AWS principal that is not an account or ARN", .trust, doc(#"{\#(trustAllow), "Principal": {"AWS": ["111122223333", "alice"]}}"#), ["policy-principal-invalid@Statement[0].Principal.AWS[1]"]),
    GrammarExample("service principal that is not a service", .trust, doc(#"{\#(trustAllow), "Principal": {"Service": "ec2"}}"#), ["policy-principal-invalid@Statement[0].Principal.Service"]),
    GrammarExample("partial wildcard in a principal", .trust, doc(#"{\#(trustAllow), "Principal": {"AWS": "arn:aws:iam::111122223333:role/*"}}"#), ["policy-principal-invalid@Statement[0].Principal.AWS"]),
    GrammarExample("unknown principal type", .trust, doc(#"{\#(trustAllow), "Principal": {"Aws": "111122223333"}}"#), ["policy-principal-type-unknown@Statement[0].Principal.Aws"]),
    GrammarExample("empty principal object", .trust, doc(#"{\#(trustAllow), "Principal": {}}"#), ["policy-principal-invalid@Statement[0].Principal"]),
    GrammarExample("condition not an object", .identity, doc(#"{\#(allow), "Condition": "x"}"#), ["policy-condition-invalid@Statement[0].Condition"]),
    GrammarExample("condition operator block not an object", .identity, doc(#"{\#(allow), "Condition": {"StringEquals": "x"}}"#), ["policy-condition-invalid@Statement[0].Condition.StringEquals"]),
    GrammarExample("unknown condition operator", .identity, doc(#"{\#(allow), "Condition": {"StringEqual": {"a:b": "x"}}}"#), ["policy-condition-operator-unknown@Statement[0].Condition.StringEqual"]),
    GrammarExample("unknown set qualifier", .identity, doc(#"{\#(allow), "Condition": {"ForEachValue:StringEquals": {"a:b": "x"}}}"#), ["policy-condition-operator-unknown@Statement[0].Condition.ForEachValue:StringEquals"]),
    GrammarExample("operator names are case-sensitive", .identity, doc(#"{\#(allow), "Condition": {"stringequals": {"a:b": "x"}}}"#), ["policy-condition-operator-unknown@Statement[0].Condition.stringequals"]),
    GrammarExample("Null with IfExists", .identity, doc(#"{\#(allow), "Condition": {"NullIfExists": {"a:b": "true"}}}"#), ["policy-condition-null-ifexists@Statement[0].Condition.NullIfExists"]),
    GrammarExample("condition value an object", .identity, doc(#"{\#(allow), "Condition": {"StringEquals": {"a:b": {"x": 1}}}}"#), ["policy-condition-value-type@Statement[0].Condition.StringEquals.a:b"]),
    GrammarExample("numeric value not a number", .identity, doc(#"{\#(allow), "Condition": {"NumericLessThan": {"a:n": "ten"}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.NumericLessThan.a:n"]),
    GrammarExample("date value not a date", .identity, doc(#"{\#(allow), "Condition": {"DateGreaterThan": {"a:d": ["2026-01-01", "yesterday"]}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.DateGreaterThan.a:d[1]"]),
    GrammarExample("IP value out of range", .identity, doc(#"{\#(allow), "Condition": {"IpAddress": {"aws:SourceIp": "300.1.1.1/8"}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.IpAddress.aws:SourceIp"]),
    GrammarExample("CIDR prefix too long", .identity, doc(#"{\#(allow), "Condition": {"NotIpAddress": {"aws:SourceIp": "2001:db8::/129"}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.NotIpAddress.aws:SourceIp"]),
    GrammarExample("Bool value not a boolean", .identity, doc(#"{\#(allow), "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.Bool.aws:SecureTransport"]),
    GrammarExample("numeric value in hex", .identity, doc(#"{\#(allow), "Condition": {"NumericLessThan": {"a:n": "0x10"}}}"#), ["policy-condition-value-invalid@Statement[0].Condition.NumericLessThan.a:n"]),
    GrammarExample("numeric values Swift reads but IAM does not", .identity, doc(#"{\#(allow), "Condition": {"NumericEquals": {"a:n": ["inf", "nan", "Infinity", "1e309", "+5", "1e3", ".5", "5."]}}}"#),
                   (0..<8).map { "policy-condition-value-invalid@Statement[0].Condition.NumericEquals.a:n[\($0)]" }),
    GrammarExample("malformed resource ARN", .identity, doc(#"{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3", "arn:aws:s3:::", "arn::s3:::b", "arn:aws::::b", "arn"]}"#),
                   (0..<5).map { "policy-resource-invalid@Statement[0].Resource[\($0)]" }),
    GrammarExample("empty condition key", .identity, doc(#"{\#(allow), "Condition": {"StringEquals": {"": "x"}}}"#), ["policy-condition-key-empty@Statement[0].Condition.StringEquals."]),
    GrammarExample("single-object statement paths", .identity, #"{"Version": "2012-10-17", "Statement": {"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}}"#, ["policy-effect-invalid@Statement.Effect"]),
    GrammarExample("every problem is reported", .identity, doc(#"{"Sid": "x-1", "Effect": "Permit", "Action": "nope", "Principal": "*"}, {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Foo": {"a:b": "c"}}}"#),
                   ["policy-sid-invalid@Statement[0].Sid", "policy-effect-invalid@Statement[0].Effect", "policy-principal-not-allowed@Statement[0].Principal", "policy-action-invalid@Statement[0].Action", "policy-resource-missing@Statement[0]", "policy-condition-operator-unknown@Statement[1].Condition.Foo"]),
]

@Suite struct PolicyGrammarTests {
    static func parse(_ example: GrammarExample) throws -> (document: PolicyDocument?, diagnostics: [Diagnostic]) {
        PolicyDocument.parse(try JSONParser.parse(example.json), kind: example.kind)
    }

    @Test(arguments: passingGrammarExamples)
    func passingExampleHasNoErrors(_ example: GrammarExample) throws {
        let (document, diagnostics) = try Self.parse(example)
        #expect(diagnostics.filter { $0.severity == .error }.map { "\($0.code)@\($0.path ?? "")" } == [])
        #expect(document != nil)
    }

    @Test(arguments: failingGrammarExamples)
    func failingExampleReportsCodeAndPath(_ example: GrammarExample) throws {
        let (document, diagnostics) = try Self.parse(example)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.code)@\($0.path ?? "")" } == example.expected)
        #expect(document == nil)
        #expect(errors.allSatisfy { $0.hint?.isEmpty == false && $0.location == nil })
    }

    @Test func missingVersionIsAWarningAndKeepsTheDocument() throws {
        let (document, diagnostics) = PolicyDocument.parse(try JSONParser.parse(#"{"Statement": {\#(allow)}}"#), kind: .identity)
        #expect(diagnostics.map(\.code) == ["policy-version-missing"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.path == "Version")
        #expect(document?.version == nil)
        #expect(document?.resolvesVariables == false)
    }

    @Test func parsedModelKeepsWhatWasWritten() throws {
        let json = try JSONParser.parse(#"{"Version": "2012-10-17", "Id": "x", "Statement": [{"Sid": "S", "Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "NotAction": ["s3:Get*"], "Resource": "arn:aws:s3:::b/*", "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", 5]}}}]}"#)
        let document = try #require(PolicyDocument.parse(json, kind: .resource).document)
        let statement = try #require(document.statements.first)
        #expect(document.id == "x")
        #expect(statement.sid == "S")
        #expect(statement.effect == .deny)
        #expect(statement.principal == PrincipalElement(isNegated: true, entries: [PrincipalEntry(type: .aws, value: "111122223333")]))
        #expect(statement.action == ValueListElement(isNegated: true, values: ["s3:Get*"]))
        #expect(statement.resource == ValueListElement(values: ["arn:aws:s3:::b/*"]))
        let condition = ConditionOperator(base: .stringLike, qualifier: .forAnyValue, ifExists: true)
        #expect(statement.conditions == [ConditionClause(condition: condition, key: "aws:TagKeys", values: ["a*", "5"])])
        #expect(condition.description == "ForAnyValue:StringLikeIfExists")
    }

    @Test func contextKeysListConditionKeysAndVariables() throws {
        let json = try JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/team":"${aws:PrincipalTag/team}","AWS:UserName":"x"},"NumericLessThan":{"s3:max-keys":"${not:avariable}"}}}]}"#)
        let document = try #require(PolicyDocument.parse(json, kind: .identity).document)
        #expect(document.contextKeys == ["aws:username", "s3:ExistingObjectTag/team", "aws:PrincipalTag/team", "s3:max-keys"])
        var legacy = document
        legacy.version = PolicyDocument.legacyVersion
        #expect(legacy.contextKeys == ["s3:ExistingObjectTag/team", "AWS:UserName", "s3:max-keys"])
    }

    @Test func sizeIgnoresWhitespaceOutsideStrings() throws {
        let pretty = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::a b\"}\n}"
        let compact = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a b"}}"#
        #expect(PolicySize.measure(text: pretty) == compact.count)
        #expect(PolicySize.measure(try JSONParser.parse(pretty)) == compact.count)
        #expect(PolicySize.measure(text: #"{"a": "x \" y"}"#) == #"{"a":"x \" y"}"#.count)
    }
}
