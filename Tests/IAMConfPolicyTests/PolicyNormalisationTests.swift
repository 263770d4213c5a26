import IAMConfCore
import IAMConfPolicy
import Testing

/// Two spellings of a policy and whether they mean the same.
struct NormalisationPair: Sendable, CustomTestStringConvertible {
    let name: String
    let lhs: String
    let rhs: String
    let isEqual: Bool

    var testDescription: String { name }
}

let normalisationPairs: [NormalisationPair] = [
    NormalisationPair(name: "key order", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Statement":[{"Resource":"*","Action":"s3:*","Effect":"Allow"}],"Version":"2012-10-17"}"#, isEqual: true),
    NormalisationPair(name: "whitespace", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\",\n \"Action\": \"s3:*\", \"Resource\": \"*\" } ]\n}", isEqual: true),
    NormalisationPair(name: "lone string vs one-element list", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}"#, isEqual: true),
    NormalisationPair(name: "single statement object vs list", lhs: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, isEqual: true),
    NormalisationPair(name: "missing Version is 2008-10-17", lhs: #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, isEqual: true),
    NormalisationPair(name: "missing Version is not 2012-10-17", lhs: #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, isEqual: false),
    NormalisationPair(name: "action lists are sets", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:GetObject"],"Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]}"#, isEqual: true),
    NormalisationPair(name: "action names ignore case", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"S3:getobject","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#, isEqual: true),
    NormalisationPair(name: "resources keep case", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::A"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a"}]}"#, isEqual: false),
    NormalisationPair(name: "statement order is not semantic", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, isEqual: true),
    NormalisationPair(name: "statements compare as a multiset", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, isEqual: false),
    NormalisationPair(name: "effect differs", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#, isEqual: false),
    NormalisationPair(name: "condition values: number, bool, string, list", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true"]},"NumericLessThan":{"s3:max-keys":"10"}}}]}"#, isEqual: true),
    NormalisationPair(name: "condition key names ignore case", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/Team":"a"}}}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"AWS:principaltag/team":"a"}}}]}"#, isEqual: true),
    NormalisationPair(name: "condition values keep case", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"A"}}}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}]}"#, isEqual: false),
    NormalisationPair(name: "principal lists are sets", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":["111122223333","444455556666"],"Service":"ec2.amazonaws.com"}}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["ec2.amazonaws.com"],"AWS":["444455556666","111122223333"]}}]}"#, isEqual: true),
    NormalisationPair(name: "AWS star is not the wildcard principal", lhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}"#,
                      rhs: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":{"AWS":"*"}}]}"#, isEqual: false),
]

@Suite struct PolicyNormalisationTests {
    @Test(arguments: normalisationPairs)
    func semanticEquality(_ pair: NormalisationPair) throws {
        let lhs = try JSONParser.parse(pair.lhs)
        let rhs = try JSONParser.parse(pair.rhs)
        #expect(PolicyDocument.semanticallyEqual(lhs, rhs) == pair.isEqual)
        #expect(PolicyDocument.semanticallyEqual(rhs, lhs) == pair.isEqual)
        #expect(PolicyDocument.semanticallyEqual(lhs, lhs))
    }

    @Test func canonicalTextIsStableSortedAndIndented() throws {
        let json = try JSONParser.parse(#"{"Statement":{"Resource":"arn:aws:s3:::b/*","Action":["s3:PutObject","s3:GetObject"],"Effect":"Allow","Condition":{"NumericLessThan":{"s3:max-keys":10}}},"Version":"2012-10-17"}"#)
        let expected = """
            {
              "Statement": [
                {
                  "Action": [
                    "s3:GetObject",
                    "s3:PutObject"
                  ],
                  "Condition": {
                    "NumericLessThan": {
                      "s3:max-keys": [
                        "10"
                      ]
                    }
                  },
                  "Effect": "Allow",
                  "Resource": [
                    "arn:aws:s3:::b/*"
                  ]
                }
              ],
              "Version": "2012-10-17"
            }
            """
        #expect(PolicyDocument.canonicalText(json) == expected)
        #expect(PolicyDocument.canonicalJSON(PolicyDocument.canonicalJSON(json)) == PolicyDocument.canonicalJSON(json))
    }

    @Test func canonicalFormKeepsStatementOrder() throws {
        let json = try JSONParser.parse(#"{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Deny","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        let sids = PolicyDocument.canonicalJSON(json)["Statement"]?.arrayValue?.compactMap { $0["Sid"]?.stringValue }
        #expect(sids == ["B", "A"])
    }

    @Test func malformedDocumentsStillNormalise() throws {
        let json = try JSONParser.parse(#"{"Statement":"nonsense","Zeta":1,"Alpha":[{"b":1,"a":2}]}"#)
        #expect(PolicyDocument.canonicalText(json) == PolicyDocument.canonicalText(try JSONParser.parse(#"{"Alpha":[{"a":2,"b":1}],"Statement":"nonsense","Zeta":1}"#)))
    }
}
