import IAMConfCore

/// One check of `iamconf lint`: its issue code, finding type and where AWS explains it.
///
/// Codes of Access Analyzer's checks are AWS's own (`ValidatePolicy`'s `issueCode`), so a finding
/// reads the same here as in the console; checks AWS does not have are prefixed `IAMCONF_`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
public struct PolicyIssue: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var type: FindingType
    /// A short name (`Pass role with star in resource`), for SARIF's rule description.
    public var title: String
    /// AWS's explanation of the check; for IAMCONF_ checks, the AWS page the check is based on.
    public var learnMoreLink: String

    init(_ code: String, _ type: FindingType, _ title: String, link: String? = nil) {
        self.code = code
        self.type = type
        self.title = title
        self.learnMoreLink = link ?? Self.referencePage + "#access-analyzer-reference-policy-checks-"
            + type.anchorWord + "-" + String(code.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    public var description: String { code }

    /// True for checks iamconf adds to AWS's (`IAMCONF_` codes).
    public var isIAMConfOwn: Bool { code.hasPrefix("IAMCONF_") }

    static let referencePage = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

    /// The check with this code (exact spelling), if iamconf implements it.
    public static func named(_ code: String) -> PolicyIssue? { byCode[code] }

    private static let byCode: [String: PolicyIssue] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}

extension PolicyIssue {
    /// Every check `iamconf lint` implements, grouped by finding type.
    public static let all: [PolicyIssue] = errors + securityWarnings + warnings + suggestions + iamconfOwn

    static let errors: [PolicyIssue] = [
        arnAccountNotAllowed, arnRegionNotAllowed, duplicateKeysWithDifferentCase, invalidARNAccount, invalidARNServiceCase,
        invalidConditionMultipleBoolean, invalidVariableForOperator, mismatchedActionForPrincipal, missingARNAccount,
        missingARNField, missingARNRegion, missingQualifier, nullWithIfExists, privateIPAddress, privateNotIPAddress,
        typeMismatchIPRange, unsupportedGlobalConditionKey, unsupportedResourceARNInPolicy,
    ]
    static let securityWarnings: [PolicyIssue] = [
        allowWithNotPrincipal, forAllValuesWithSingleValuedKey, passRoleWithNotResource, passRoleWithStarInActionAndNotResource,
        passRoleWithNotActionAndNotResource, passRoleWithStarInResource, passRoleWithStarInActionAndResource,
        passRoleWithStarInResourceAndNotAction, stringLikeOperatorWithARNConditionKeys,
    ]
    static let warnings: [PolicyIssue] = [
        createSLRWithNotResource, createSLRWithStarInActionAndNotResource, createSLRWithNotActionAndNotResource,
        createSLRWithStarInResource, createSLRWithStarInActionAndResource, createSLRWithStarInResourceAndNotAction,
        missingVersion, wildcardWithoutLikeOperator, policySizeExceedsIdentityPolicyQuota, policySizeExceedsResourcePolicyQuota, typeMismatch,
        typeMismatchBoolean, typeMismatchDate, typeMismatchNumber,
    ]
    static let suggestions: [PolicyIssue] = [
        emptyArrayAction, emptyArrayCondition, emptyArrayConditionForAllValues, emptyArrayConditionForAnyValue,
        emptyArrayConditionIfExists, emptyArrayPrincipal, emptyArrayResource, emptyObjectCondition, emptyObjectPrincipal,
        emptySidValue, improveIPRange, nullWithQualifier, privateIPAddressSubset, privateNotIPAddressSubset,
        redundantAction, redundantConditionValueNum, redundantResource, redundantStatement, wildcardInServiceName,
    ]
    static let iamconfOwn: [PolicyIssue] = [oidcTrustWithoutAudience, oidcTrustWithoutSubject]

    // Errors: a part of the policy does not work.
    static let arnAccountNotAllowed = PolicyIssue("ARN_ACCOUNT_NOT_ALLOWED", .error, "ARN account not allowed")
    static let arnRegionNotAllowed = PolicyIssue("ARN_REGION_NOT_ALLOWED", .error, "ARN Region not allowed")
    static let duplicateKeysWithDifferentCase = PolicyIssue("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", .error, "Duplicate keys with different case")
    static let invalidARNAccount = PolicyIssue("INVALID_ARN_ACCOUNT", .error, "Invalid ARN account")
    static let invalidARNServiceCase = PolicyIssue("INVALID_ARN_SERVICE_CASE", .error, "Invalid ARN service case")
    static let invalidConditionMultipleBoolean = PolicyIssue("INVALID_CONDITION_MULTIPLE_BOOLEAN", .error, "Invalid condition multiple Boolean")
    static let invalidVariableForOperator = PolicyIssue("INVALID_VARIABLE_FOR_OPERATOR", .error, "Invalid variable for operator")
    static let mismatchedActionForPrincipal = PolicyIssue("MISMATCHED_ACTION_FOR_PRINCIPAL", .error, "Mismatched action for principal")
    static let missingARNAccount = PolicyIssue("MISSING_ARN_ACCOUNT", .error, "Missing ARN account")
    static let missingARNField = PolicyIssue("MISSING_ARN_FIELD", .error, "Missing ARN field")
    static let missingARNRegion = PolicyIssue("MISSING_ARN_REGION", .error, "Missing ARN Region")
    static let missingQualifier = PolicyIssue("MISSING_QUALIFIER", .error, "Missing qualifier")
    static let nullWithIfExists = PolicyIssue("NULL_WITH_IF_EXISTS", .error, "Null with if exists")
    static let privateIPAddress = PolicyIssue("PRIVATE_IP_ADDRESS", .error, "Private IP address")
    static let privateNotIPAddress = PolicyIssue("PRIVATE_NOT_IP_ADDRESS", .error, "Private NotIpAddress")
    static let typeMismatchIPRange = PolicyIssue("TYPE_MISMATCH_IP_RANGE", .error, "Type mismatch IP range")
    static let unsupportedGlobalConditionKey = PolicyIssue("UNSUPPORTED_GLOBAL_CONDITION_KEY", .error, "Unsupported global condition key")
    static let unsupportedResourceARNInPolicy = PolicyIssue("UNSUPPORTED_RESOURCE_ARN_IN_POLICY", .error, "Unsupported resource ARN in policy")

    // Security warnings: access AWS considers overly permissive.
    static let allowWithNotPrincipal = PolicyIssue("ALLOW_WITH_NOT_PRINCIPAL", .securityWarning, "Allow with NotPrincipal")
    static let forAllValuesWithSingleValuedKey = PolicyIssue("FORALLVALUES_WITH_SINGLE_VALUED_KEY", .securityWarning, "ForAllValues with single valued key")
    static let passRoleWithNotResource = PolicyIssue("PASS_ROLE_WITH_NOT_RESOURCE", .securityWarning, "Pass role with NotResource")
    static let passRoleWithStarInActionAndNotResource = PolicyIssue("PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", .securityWarning, "Pass role with star in action and NotResource")
    static let passRoleWithNotActionAndNotResource = PolicyIssue("PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", .securityWarning, "Pass role with NotAction and NotResource")
    static let passRoleWithStarInResource = PolicyIssue("PASS_ROLE_WITH_STAR_IN_RESOURCE", .securityWarning, "Pass role with star in resource")
    static let passRoleWithStarInActionAndResource = PolicyIssue("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", .securityWarning, "Pass role with star in action and resource")
    static let passRoleWithStarInResourceAndNotAction = PolicyIssue("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", .securityWarning, "Pass role with star in resource and NotAction")
    static let stringLikeOperatorWithARNConditionKeys = PolicyIssue("STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", .securityWarning, "String like operator with ARN condition keys")

    // General warnings: not best practice.
    static let createSLRWithNotResource = PolicyIssue("CREATE_SLR_WITH_NOT_RESOURCE", .warning, "Create SLR with NotResource")
    static let createSLRWithStarInActionAndNotResource = PolicyIssue("CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", .warning, "Create SLR with star in action and NotResource")
    static let createSLRWithNotActionAndNotResource = PolicyIssue("CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", .warning, "Create SLR with NotAction and NotResource")
    static let createSLRWithStarInResource = PolicyIssue("CREATE_SLR_WITH_STAR_IN_RESOURCE", .warning, "Create SLR with star in resource")
    static let createSLRWithStarInActionAndResource = PolicyIssue("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", .warning, "Create SLR with star in action and resource")
    static let createSLRWithStarInResourceAndNotAction = PolicyIssue("CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", .warning, "Create SLR with star in resource and NotAction")
    static let missingVersion = PolicyIssue("MISSING_VERSION", .warning, "Missing version")
    static let wildcardWithoutLikeOperator = PolicyIssue("WILDCARD_WITHOUT_LIKE_OPERATOR", .warning, "Wildcard without like operator")
    static let policySizeExceedsIdentityPolicyQuota = PolicyIssue("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", .warning, "Policy size exceeds identity policy quota")
    static let policySizeExceedsResourcePolicyQuota = PolicyIssue("POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", .error, "Policy size exceeds resource policy quota")
    static let typeMismatch = PolicyIssue("TYPE_MISMATCH", .warning, "Type mismatch")
    static let typeMismatchBoolean = PolicyIssue("TYPE_MISMATCH_BOOLEAN", .warning, "Type mismatch Boolean")
    static let typeMismatchDate = PolicyIssue("TYPE_MISMATCH_DATE", .warning, "Type mismatch date")
    static let typeMismatchNumber = PolicyIssue("TYPE_MISMATCH_NUMBER", .warning, "Type mismatch number")

    // Suggestions: no change in access.
    static let emptyArrayAction = PolicyIssue("EMPTY_ARRAY_ACTION", .suggestion, "Empty array action")
    static let emptyArrayCondition = PolicyIssue("EMPTY_ARRAY_CONDITION", .suggestion, "Empty array condition")
    static let emptyArrayConditionForAllValues = PolicyIssue("EMPTY_ARRAY_CONDITION_FORALLVALUES", .suggestion, "Empty array condition ForAllValues")
    static let emptyArrayConditionForAnyValue = PolicyIssue("EMPTY_ARRAY_CONDITION_FORANYVALUE", .suggestion, "Empty array condition ForAnyValue")
    static let emptyArrayConditionIfExists = PolicyIssue("EMPTY_ARRAY_CONDITION_IFEXISTS", .suggestion, "Empty array condition IfExists")
    static let emptyArrayPrincipal = PolicyIssue("EMPTY_ARRAY_PRINCIPAL", .suggestion, "Empty array principal")
    static let emptyArrayResource = PolicyIssue("EMPTY_ARRAY_RESOURCE", .suggestion, "Empty array resource")
    static let emptyObjectCondition = PolicyIssue("EMPTY_OBJECT_CONDITION", .suggestion, "Empty object condition")
    static let emptyObjectPrincipal = PolicyIssue("EMPTY_OBJECT_PRINCIPAL", .suggestion, "Empty object principal")
    static let emptySidValue = PolicyIssue("EMPTY_SID_VALUE", .suggestion, "Empty Sid value")
    static let improveIPRange = PolicyIssue("IMPROVE_IP_RANGE", .suggestion, "Improve IP range")
    static let nullWithQualifier = PolicyIssue("NULL_WITH_QUALIFIER", .suggestion, "Null with qualifier")
    static let privateIPAddressSubset = PolicyIssue("PRIVATE_IP_ADDRESS_SUBSET", .suggestion, "Private IP address subset")
    static let privateNotIPAddressSubset = PolicyIssue("PRIVATE_NOT_IP_ADDRESS_SUBSET", .suggestion, "Private NotIpAddress subset")
    static let redundantAction = PolicyIssue("REDUNDANT_ACTION", .suggestion, "Redundant action")
    static let redundantConditionValueNum = PolicyIssue("REDUNDANT_CONDITION_VALUE_NUM", .suggestion, "Redundant condition value num")
    static let redundantResource = PolicyIssue("REDUNDANT_RESOURCE", .suggestion, "Redundant resource")
    static let redundantStatement = PolicyIssue("REDUNDANT_STATEMENT", .suggestion, "Redundant statement")
    static let wildcardInServiceName = PolicyIssue("WILDCARD_IN_SERVICE_NAME", .suggestion, "Wildcard in service name")

    // iamconf's own: the OIDC trust checks, with codes of iamconf's (see docs/policy-checks.md).
    static let oidcTrustWithoutAudience = PolicyIssue(
        "IAMCONF_OIDC_TRUST_WITHOUT_AUDIENCE", .securityWarning, "OIDC trust without an audience condition",
        link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html")
    static let oidcTrustWithoutSubject = PolicyIssue(
        "IAMCONF_OIDC_TRUST_WITHOUT_SUBJECT", .securityWarning, "Shared OIDC issuer trusted without a subject condition",
        link: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub")
}
