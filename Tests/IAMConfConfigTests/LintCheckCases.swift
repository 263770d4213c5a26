/// One lint check with a configuration that triggers it (the finding's spot marked `⟦CODE⟧`) and a
/// close variant that does not, in the pattern of `RuleCase`.
struct LintCase: CustomStringConvertible, Sendable {
    var code: String
    var failing: String
    var passing: String
    var note: String = ""
    var description: String { note.isEmpty ? code : "\(code) (\(note))" }
}

/// A customer managed policy `P` in account `a` whose statements are `statements`, one flow
/// mapping per line (`{ Effect: Allow, Action: s3:GetObject, Resource: "*" }`).
func managedPolicy(_ statements: String...) -> String {
    account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n"
            + statements.map { "            - \($0)\n" }.joined())
}

/// One Allow statement of `P` on `resource` with `condition` (a flow mapping).
func conditioned(_ condition: String, action: String = "s3:GetObject", resource: String = "\"arn:aws:s3:::b/*\"") -> String {
    managedPolicy("{ Effect: Allow, Action: \(action), Resource: \(resource), Condition: \(condition) }")
}

/// A bucket `reports` in account `a` whose policy has the one statement `statement`.
func bucketPolicy(_ statement: String) -> String {
    account("    buckets:\n      reports:\n        policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - \(statement)\n")
}

/// A role `R` in account `a` whose trust policy has the one statement `statement`.
func trustPolicy(_ statement: String) -> String {
    account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - \(statement)\n")
}

enum LintCases {
    static let all: [LintCase] = passRole + createSLR + principals + conditionTypes + conditionValues + conditionShapes + arns + redundancy + empties + documents + trust

    static let role = "\"arn:aws:iam::111111111111:role/Deploy\""

    static let passRole: [LintCase] = [
        LintCase(code: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:PassRole, Resource: ⟦PASS_ROLE_WITH_STAR_IN_RESOURCE⟧\"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:PassRole, Resource: \(role) }")),
        LintCase(code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: ⟦PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE⟧\"iam:*\", Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: \"iam:*\", Resource: \(role) }")),
        LintCase(code: "PASS_ROLE_WITH_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:PassRole, ⟦PASS_ROLE_WITH_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:PassRole, Resource: \(role) }")),
        LintCase(code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: \"iam:Pass*\", ⟦PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Deny, Action: \"iam:Pass*\", NotResource: \(role) }")),
        LintCase(code: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, NotAction: \"s3:*\", ⟦PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Allow, NotAction: [\"s3:*\", \"iam:*\"], NotResource: \(role) }")),
        LintCase(code: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                 failing: managedPolicy("{ Effect: Allow, NotAction: ⟦PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION⟧\"s3:*\", Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, NotAction: [\"s3:*\", iam:PassRole], Resource: \"*\" }")),
    ]

    static let createSLR: [LintCase] = [
        LintCase(code: "CREATE_SLR_WITH_STAR_IN_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:CreateServiceLinkedRole, Resource: ⟦CREATE_SLR_WITH_STAR_IN_RESOURCE⟧\"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:CreateServiceLinkedRole, Resource: \"arn:aws:iam::*:role/aws-service-role/autoscaling.amazonaws.com/*\" }")),
        LintCase(code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: ⟦CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE⟧\"iam:Create*\", Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: \"iam:Get*\", Resource: \"*\" }")),
        LintCase(code: "CREATE_SLR_WITH_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:CreateServiceLinkedRole, ⟦CREATE_SLR_WITH_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:CreateServiceLinkedRole, Resource: \(role) }")),
        LintCase(code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: \"iam:*\", ⟦CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Allow, Action: \"iam:Get*\", NotResource: \(role) }")),
        LintCase(code: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, NotAction: \"s3:*\", ⟦CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE⟧NotResource: \(role) }"),
                 passing: managedPolicy("{ Effect: Allow, NotAction: [\"s3:*\", \"iam:*\"], NotResource: \(role) }")),
        LintCase(code: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                 failing: managedPolicy("{ Effect: Allow, NotAction: ⟦CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION⟧\"s3:*\", Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, NotAction: [\"s3:*\", \"iam:*\"], Resource: \"*\" }")),
    ]

    static let principals: [LintCase] = [
        LintCase(code: "ALLOW_WITH_NOT_PRINCIPAL",
                 failing: bucketPolicy("{ Effect: Allow, ⟦ALLOW_WITH_NOT_PRINCIPAL⟧NotPrincipal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }"),
                 passing: bucketPolicy("{ Effect: Deny, NotPrincipal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }")),
        LintCase(code: "EMPTY_ARRAY_PRINCIPAL",
                 failing: bucketPolicy("{ Effect: Allow, Principal: { AWS: ⟦EMPTY_ARRAY_PRINCIPAL⟧[] }, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }"),
                 passing: bucketPolicy("{ Effect: Allow, Principal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }")),
        LintCase(code: "EMPTY_OBJECT_PRINCIPAL",
                 failing: bucketPolicy("{ Effect: Allow, Principal: ⟦EMPTY_OBJECT_PRINCIPAL⟧{}, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }"),
                 passing: bucketPolicy("{ Effect: Allow, Principal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }")),
    ]

    static let conditionTypes: [LintCase] = [
        LintCase(code: "TYPE_MISMATCH", failing: conditioned("{ StringEquals: { ⟦TYPE_MISMATCH⟧aws:MultiFactorAuthPresent: \"true\" } }"),
                 passing: conditioned("{ Bool: { aws:MultiFactorAuthPresent: \"true\" } }"), note: "a Bool key under StringEquals"),
        LintCase(code: "TYPE_MISMATCH", failing: conditioned("{ StringLike: { ⟦TYPE_MISMATCH⟧aws:SourceIp: \"203.0.113.*\" } }"),
                 passing: conditioned("{ IpAddress: { aws:SourceIp: \"203.0.113.0/24\" } }"), note: "an IPAddress key under StringLike"),
        LintCase(code: "TYPE_MISMATCH", failing: conditioned("{ NumericLessThan: { ⟦TYPE_MISMATCH⟧aws:CurrentTime: \"1767225600\" } }"),
                 passing: conditioned("{ DateLessThan: { aws:CurrentTime: \"2026-01-01T00:00:00Z\" } }"), note: "a Date key under NumericLessThan"),
        LintCase(code: "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
                 failing: conditioned("{ StringLike: { ⟦STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS⟧aws:PrincipalArn: \"arn:aws:iam::111111111111:role/ci-*\" } }"),
                 passing: conditioned("{ ArnLike: { aws:PrincipalArn: \"arn:aws:iam::111111111111:role/ci-*\" } }")),
        LintCase(code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                 failing: conditioned("{ \"ForAllValues:StringEquals\": { ⟦FORALLVALUES_WITH_SINGLE_VALUED_KEY⟧aws:username: alice } }"),
                 passing: conditioned("{ \"ForAllValues:StringEquals\": { aws:TagKeys: [team, env] } }")),
        LintCase(code: "MISSING_QUALIFIER",
                 failing: conditioned("{ StringEquals: { ⟦MISSING_QUALIFIER⟧aws:TagKeys: team } }"),
                 passing: conditioned("{ \"ForAnyValue:StringEquals\": { aws:TagKeys: team } }")),
        LintCase(code: "UNSUPPORTED_GLOBAL_CONDITION_KEY",
                 failing: conditioned("{ ArnEquals: { ⟦UNSUPPORTED_GLOBAL_CONDITION_KEY⟧aws:ARN: \"arn:aws:iam::111111111111:role/x\" } }"),
                 passing: conditioned("{ ArnEquals: { aws:PrincipalArn: \"arn:aws:iam::111111111111:role/x\" } }")),
    ]

    static let conditionValues: [LintCase] = [
        LintCase(code: "TYPE_MISMATCH_BOOLEAN", failing: conditioned("{ Bool: { aws:SecureTransport: ⟦TYPE_MISMATCH_BOOLEAN⟧\"yes\" } }"),
                 passing: conditioned("{ Bool: { aws:SecureTransport: \"true\" } }")),
        LintCase(code: "TYPE_MISMATCH_NUMBER", failing: conditioned("{ NumericLessThan: { aws:MultiFactorAuthAge: ⟦TYPE_MISMATCH_NUMBER⟧\"an hour\" } }"),
                 passing: conditioned("{ NumericLessThan: { aws:MultiFactorAuthAge: \"3600\" } }")),
        LintCase(code: "TYPE_MISMATCH_DATE", failing: conditioned("{ DateGreaterThan: { aws:CurrentTime: ⟦TYPE_MISMATCH_DATE⟧tomorrow } }"),
                 passing: conditioned("{ DateGreaterThan: { aws:CurrentTime: \"2026-01-01T00:00:00Z\" } }")),
        LintCase(code: "TYPE_MISMATCH_IP_RANGE", failing: conditioned("{ IpAddress: { aws:SourceIp: ⟦TYPE_MISMATCH_IP_RANGE⟧\"203.0.113\" } }"),
                 passing: conditioned("{ IpAddress: { aws:SourceIp: \"203.0.113.0/24\" } }")),
        LintCase(code: "INVALID_CONDITION_MULTIPLE_BOOLEAN", failing: conditioned("{ Bool: { aws:SecureTransport: ⟦INVALID_CONDITION_MULTIPLE_BOOLEAN⟧[\"true\", \"false\"] } }"),
                 passing: conditioned("{ Bool: { aws:SecureTransport: \"true\" } }")),
        LintCase(code: "INVALID_VARIABLE_FOR_OPERATOR", failing: conditioned("{ NumericLessThan: { aws:MultiFactorAuthAge: ⟦INVALID_VARIABLE_FOR_OPERATOR⟧\"${aws:username}\" } }"),
                 passing: conditioned("{ StringEquals: { aws:PrincipalTag/owner: \"${aws:username}\" } }")),
        LintCase(code: "REDUNDANT_CONDITION_VALUE_NUM", failing: conditioned("{ NumericLessThan: { aws:MultiFactorAuthAge: ⟦REDUNDANT_CONDITION_VALUE_NUM⟧[\"2700\", \"3600\"] } }"),
                 passing: conditioned("{ NumericLessThan: { aws:MultiFactorAuthAge: [\"3600\"] } }")),
        LintCase(code: "WILDCARD_WITHOUT_LIKE_OPERATOR", failing: conditioned("{ StringEquals: { aws:username: ⟦WILDCARD_WITHOUT_LIKE_OPERATOR⟧\"ops-*\" } }"),
                 passing: conditioned("{ StringLike: { aws:username: \"ops-*\" } }")),
        LintCase(code: "PRIVATE_IP_ADDRESS", failing: conditioned("{ IpAddress: { aws:SourceIp: ⟦PRIVATE_IP_ADDRESS⟧\"10.0.0.0/8\" } }"),
                 passing: conditioned("{ IpAddress: { aws:SourceIp: \"203.0.113.0/24\" } }")),
        LintCase(code: "PRIVATE_NOT_IP_ADDRESS", failing: conditioned("{ NotIpAddress: { aws:SourceIp: ⟦PRIVATE_NOT_IP_ADDRESS⟧[\"192.168.0.0/16\", \"172.16.0.0/12\"] } }"),
                 passing: conditioned("{ NotIpAddress: { aws:SourceIp: \"203.0.113.0/24\" } }")),
        LintCase(code: "PRIVATE_IP_ADDRESS_SUBSET", failing: conditioned("{ IpAddress: { aws:SourceIp: ⟦PRIVATE_IP_ADDRESS_SUBSET⟧[\"10.1.0.0/16\", \"203.0.113.0/24\"] } }"),
                 passing: conditioned("{ IpAddress: { aws:VpcSourceIp: \"10.1.0.0/16\", aws:SourceIp: \"203.0.113.0/24\" } }")),
        LintCase(code: "PRIVATE_NOT_IP_ADDRESS_SUBSET", failing: conditioned("{ NotIpAddress: { aws:SourceIp: ⟦PRIVATE_NOT_IP_ADDRESS_SUBSET⟧[\"10.1.0.0/16\", \"203.0.113.0/24\"] } }"),
                 passing: conditioned("{ NotIpAddress: { aws:SourceIp: [\"198.51.100.0/24\", \"203.0.113.0/24\"] } }")),
        LintCase(code: "IMPROVE_IP_RANGE", failing: conditioned("{ IpAddress: { aws:SourceIp: ⟦IMPROVE_IP_RANGE⟧\"203.0.113.5/24\" } }"),
                 passing: conditioned("{ IpAddress: { aws:SourceIp: \"203.0.113.5/32\" } }")),
    ]

    static let conditionShapes: [LintCase] = [
        LintCase(code: "NULL_WITH_IF_EXISTS", failing: conditioned("{ ⟦NULL_WITH_IF_EXISTS⟧NullIfExists: { aws:TokenIssueTime: \"true\" } }"),
                 passing: conditioned("{ \"Null\": { aws:TokenIssueTime: \"true\" } }")),
        LintCase(code: "NULL_WITH_QUALIFIER", failing: conditioned("{ ⟦NULL_WITH_QUALIFIER⟧\"ForAllValues:Null\": { aws:TagKeys: \"true\" } }"),
                 passing: conditioned("{ \"Null\": { aws:TagKeys: \"true\" } }")),
        LintCase(code: "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
                 failing: conditioned("{ StringEquals: { aws:username: alice, ⟦DUPLICATE_KEYS_WITH_DIFFERENT_CASE⟧aws:UserName: bob } }"),
                 passing: conditioned("{ StringEquals: { aws:username: [alice, bob] } }")),
        LintCase(code: "EMPTY_ARRAY_CONDITION", failing: conditioned("{ StringEquals: { aws:username: ⟦EMPTY_ARRAY_CONDITION⟧[] } }"),
                 passing: conditioned("{ StringEquals: { aws:username: [alice] } }")),
        LintCase(code: "EMPTY_ARRAY_CONDITION_FORALLVALUES", failing: conditioned("{ \"ForAllValues:StringEquals\": { aws:TagKeys: ⟦EMPTY_ARRAY_CONDITION_FORALLVALUES⟧[] } }"),
                 passing: conditioned("{ \"ForAllValues:StringEquals\": { aws:TagKeys: [team] } }")),
        LintCase(code: "EMPTY_ARRAY_CONDITION_FORANYVALUE", failing: conditioned("{ \"ForAnyValue:StringEquals\": { aws:TagKeys: ⟦EMPTY_ARRAY_CONDITION_FORANYVALUE⟧[] } }"),
                 passing: conditioned("{ \"ForAnyValue:StringEquals\": { aws:TagKeys: [team] } }")),
        LintCase(code: "EMPTY_ARRAY_CONDITION_IFEXISTS", failing: conditioned("{ StringEqualsIfExists: { aws:username: ⟦EMPTY_ARRAY_CONDITION_IFEXISTS⟧[] } }"),
                 passing: conditioned("{ StringEqualsIfExists: { aws:username: alice } }")),
        LintCase(code: "EMPTY_OBJECT_CONDITION", failing: conditioned("⟦EMPTY_OBJECT_CONDITION⟧{}"),
                 passing: conditioned("{ Bool: { aws:SecureTransport: \"true\" } }")),
    ]

    static let arns: [LintCase] = [
        LintCase(code: "MISSING_ARN_FIELD", failing: managedPolicy("{ Effect: Allow, Action: s3:GetObject, Resource: ⟦MISSING_ARN_FIELD⟧\"arn:aws:s3:reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:GetObject, Resource: \"arn:aws:s3:::reports/*\" }")),
        LintCase(code: "MISSING_ARN_REGION",
                 failing: managedPolicy("{ Effect: Allow, Action: logs:PutLogEvents, Resource: ⟦MISSING_ARN_REGION⟧\"arn:aws:logs::111111111111:log-group:app:*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: logs:PutLogEvents, Resource: \"arn:aws:logs:us-east-1:111111111111:log-group:app:*\" }")),
        LintCase(code: "MISSING_ARN_ACCOUNT",
                 failing: managedPolicy("{ Effect: Allow, Action: logs:PutLogEvents, Resource: ⟦MISSING_ARN_ACCOUNT⟧\"arn:aws:logs:us-east-1::log-group:app:*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: logs:PutLogEvents, Resource: \"arn:aws:logs:us-east-1:*:log-group:app:*\" }")),
        LintCase(code: "ARN_REGION_NOT_ALLOWED",
                 failing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: ⟦ARN_REGION_NOT_ALLOWED⟧\"arn:aws:s3:us-east-1::reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: \"arn:aws:s3:::reports\" }")),
        LintCase(code: "ARN_ACCOUNT_NOT_ALLOWED",
                 failing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: ⟦ARN_ACCOUNT_NOT_ALLOWED⟧\"arn:aws:s3::111111111111:reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: \"arn:aws:s3:::reports\" }")),
        LintCase(code: "INVALID_ARN_ACCOUNT",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:GetRole, Resource: ⟦INVALID_ARN_ACCOUNT⟧\"arn:aws:iam::12345:role/Deploy\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:GetRole, Resource: \(role) }")),
        LintCase(code: "INVALID_ARN_SERVICE_CASE",
                 failing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: ⟦INVALID_ARN_SERVICE_CASE⟧\"arn:aws:S3:::reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: \"arn:aws:s3:::reports\" }")),
        LintCase(code: "WILDCARD_IN_SERVICE_NAME",
                 failing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: ⟦WILDCARD_IN_SERVICE_NAME⟧\"arn:aws:s*:::reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListBucket, Resource: \"arn:aws:s3:::reports\" }")),
        LintCase(code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
                 failing: managedPolicy("{ Effect: Allow, Action: [s3:ListBucket, ⟦UNSUPPORTED_RESOURCE_ARN_IN_POLICY⟧s3:GetObject], Resource: \"arn:aws:s3:::reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: [s3:ListBucket, s3:GetObject], Resource: [\"arn:aws:s3:::reports\", \"arn:aws:s3:::reports/*\"] }"),
                 note: "an object action on a bucket ARN"),
        LintCase(code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
                 failing: managedPolicy("{ Effect: Allow, Action: ⟦UNSUPPORTED_RESOURCE_ARN_IN_POLICY⟧s3:ListAllMyBuckets, Resource: \"arn:aws:s3:::reports\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: \"*\" }"),
                 note: "an action without resource types needs *"),
    ]

    static let redundancy: [LintCase] = [
        LintCase(code: "REDUNDANT_ACTION",
                 failing: managedPolicy("{ Effect: Allow, Action: [\"iam:Get*\", \"iam:List*\", ⟦REDUNDANT_ACTION⟧iam:GetCredentialReport], Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: [\"iam:Get*\", \"iam:List*\", \"iam:*CredentialReport\"], Resource: \"*\" }")),
        LintCase(code: "REDUNDANT_RESOURCE",
                 failing: managedPolicy("{ Effect: Allow, Action: iam:GetRole, Resource: [⟦REDUNDANT_RESOURCE⟧\"arn:aws:iam::111111111111:role/jane-admin\", \"arn:aws:iam::111111111111:role/jane*\"] }"),
                 passing: managedPolicy("{ Effect: Allow, Action: iam:GetRole, Resource: [\"arn:aws:iam::111111111111:role/jane-admin\", \"arn:aws:iam::111111111111:role/john*\"] }")),
        LintCase(code: "REDUNDANT_STATEMENT",
                 failing: managedPolicy("{ Sid: Read, Effect: Allow, Action: s3:GetObject, Resource: \"arn:aws:s3:::b/*\" }",
                                        "⟦REDUNDANT_STATEMENT⟧{ Effect: Allow, Action: [s3:GetObject], Resource: \"arn:aws:s3:::b/*\" }"),
                 passing: managedPolicy("{ Sid: Read, Effect: Allow, Action: s3:GetObject, Resource: \"arn:aws:s3:::b/*\" }",
                                        "{ Effect: Allow, Action: s3:PutObject, Resource: \"arn:aws:s3:::b/*\" }")),
    ]

    static let empties: [LintCase] = [
        LintCase(code: "EMPTY_ARRAY_ACTION", failing: managedPolicy("{ Effect: Allow, Action: ⟦EMPTY_ARRAY_ACTION⟧[], Resource: \"*\" }"),
                 passing: managedPolicy("{ Effect: Allow, Action: [s3:ListAllMyBuckets], Resource: \"*\" }")),
        LintCase(code: "EMPTY_ARRAY_RESOURCE", failing: managedPolicy("{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: ⟦EMPTY_ARRAY_RESOURCE⟧[] }"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: [\"*\"] }")),
        LintCase(code: "EMPTY_SID_VALUE", failing: managedPolicy("{ Sid: ⟦EMPTY_SID_VALUE⟧\"\", Effect: Allow, Action: s3:ListAllMyBuckets, Resource: \"*\" }"),
                 passing: managedPolicy("{ Sid: List, Effect: Allow, Action: s3:ListAllMyBuckets, Resource: \"*\" }")),
    ]

    static let documents: [LintCase] = [
        LintCase(code: "MISSING_VERSION",
                 failing: account("    policies:\n      P:\n        document:\n          ⟦MISSING_VERSION⟧Statement:\n            - { Effect: Allow, Action: s3:ListAllMyBuckets, Resource: \"*\" }\n"),
                 passing: managedPolicy("{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: \"*\" }")),
        LintCase(code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
                 failing: account("    buckets:\n      reports:\n        policy:\n          ⟦POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA⟧Version: \"2012-10-17\"\n          Statement:\n            - { Effect: Allow, Principal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: [\(manyObjects(700))] }\n"),
                 passing: account("    buckets:\n      reports:\n        policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - { Effect: Allow, Principal: { AWS: \"arn:aws:iam::111111111111:root\" }, Action: s3:GetObject, Resource: [\(manyObjects(400))] }\n")),
        LintCase(code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
                 failing: account("    policies:\n      P:\n        document:\n          ⟦POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA⟧Version: \"2012-10-17\"\n          Statement:\n            - { Effect: Allow, Action: s3:GetObject, Resource: [\(manyObjects(200))] }\n"),
                 passing: account("    policies:\n      P:\n        document:\n          Version: \"2012-10-17\"\n          Statement:\n            - { Effect: Allow, Action: s3:GetObject, Resource: [\(manyObjects(20))] }\n")),
    ]

    static func manyObjects(_ count: Int) -> String {
        (0..<count).map { "\"arn:aws:s3:::reports/quarter-\($0)/*\"" }.joined(separator: ", ")
    }

    static let github = "\"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com\""

    static let trust: [LintCase] = [
        LintCase(code: "MISMATCHED_ACTION_FOR_PRINCIPAL",
                 failing: trustPolicy("{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: ⟦MISMATCHED_ACTION_FOR_PRINCIPAL⟧sts:AssumeRole, Condition: { StringEquals: { cognito-identity.amazonaws.com:aud: us-east-1:pool } } }"),
                 passing: trustPolicy("{ Effect: Allow, Principal: { Federated: cognito-identity.amazonaws.com }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { cognito-identity.amazonaws.com:aud: us-east-1:pool } } }")),
        LintCase(code: "IAMCONF_OIDC_TRUST_WITHOUT_AUDIENCE",
                 failing: trustPolicy("{ Effect: Allow, Principal: { Federated: ⟦IAMCONF_OIDC_TRUST_WITHOUT_AUDIENCE⟧\(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringLike: { token.actions.githubusercontent.com:sub: \"repo:acme/app:*\" } } }"),
                 passing: trustPolicy("{ Effect: Allow, Principal: { Federated: \(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com }, StringLike: { token.actions.githubusercontent.com:sub: \"repo:acme/app:*\" } } }")),
        LintCase(code: "IAMCONF_OIDC_TRUST_WITHOUT_SUBJECT",
                 failing: trustPolicy("{ Effect: Allow, Principal: { Federated: ⟦IAMCONF_OIDC_TRUST_WITHOUT_SUBJECT⟧\(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com } } }"),
                 passing: trustPolicy("{ Effect: Allow, Principal: { Federated: \(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com }, StringLike: { token.actions.githubusercontent.com:sub: \"repo:acme/app:*\" } } }"),
                 note: "GitHub without sub"),
        LintCase(code: "IAMCONF_OIDC_TRUST_WITHOUT_SUBJECT",
                 failing: trustPolicy("{ Effect: Allow, Principal: { Federated: ⟦IAMCONF_OIDC_TRUST_WITHOUT_SUBJECT⟧\(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com }, StringLike: { token.actions.githubusercontent.com:sub: \"repo:*\" } } }"),
                 passing: trustPolicy("{ Effect: Allow, Principal: { Federated: \(github) }, Action: sts:AssumeRoleWithWebIdentity, Condition: { StringEquals: { token.actions.githubusercontent.com:aud: sts.amazonaws.com }, StringLike: { token.actions.githubusercontent.com:sub: \"repo:acme/*\" } } }"),
                 note: "a sub that matches every repository"),
    ]
}
