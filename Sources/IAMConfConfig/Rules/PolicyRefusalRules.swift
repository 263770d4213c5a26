import IAMConfCore

/// What IAM and S3 refuse in a trust policy or a bucket policy beyond the policy grammar, so
/// `validate` reports it instead of `apply` failing half-way.
///
/// Each problem carries a `path` inside the document (`Statement[0].Action[1]`); the decoder turns
/// it into the line:column of the value written there.
enum PolicyRefusalRules {
    /// The actions a role trust policy may name.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
    /// (the IAM error reads "Trust Policy statement actions can only be sts:AssumeRole, …").
    static let trustActions: Set<String> = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession",
        "sts:setsourceidentity", "sts:setcontext",
    ]

    static let trustActionList = "sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity or sts:SetContext"

    /// A trust policy: only STS assume-role actions, and no `NotPrincipal` (IAM: "NotPrincipal is
    /// not supported in trust policies";
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
    static func trust(_ document: JSONValue) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (statement, path) in statements(document) {
            if statement["NotPrincipal"] != nil {
                found.append(.error("trust-not-principal", "a trust policy cannot use NotPrincipal",
                                    hint: "name the principals that may assume the role in Principal, and exclude others with a Deny statement or a condition",
                                    path: "\(path).NotPrincipal"))
            }
            for (action, actionPath) in strings(statement, "Action", "NotAction", path: path) where !isTrustAction(action) {
                found.append(.error("trust-action-invalid", "'\(action)' is not an action a trust policy can allow",
                                    hint: "a trust policy allows only \(trustActionList); grant other actions in the role's permission policies",
                                    path: actionPath))
            }
        }
        return found
    }

    /// A bucket policy: resources in its own bucket, S3 actions only, no `NotPrincipal` with `Allow`.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
    static func bucket(_ document: JSONValue, bucket: String) -> [Diagnostic] {
        var found = notPrincipalWithAllow(document)
        let arn = "arn:aws:s3:::\(bucket)"
        for (statement, path) in statements(document) {
            for (resource, resourcePath) in strings(statement, "Resource", "NotResource", path: path)
            where resource != "*" && resource != arn && !resource.hasPrefix(arn + "/") {
                found.append(.error("bucket-policy-foreign-resource", "'\(resource)' is not bucket '\(bucket)' or an object in it",
                                    hint: "a bucket policy covers only its own bucket: write \(arn) or \(arn)/*",
                                    path: resourcePath))
            }
            for (action, actionPath) in strings(statement, "Action", "NotAction", path: path)
            where action != "*" && !action.lowercased().hasPrefix("s3:") {
                found.append(.error("bucket-policy-action-invalid", "'\(action)' is not an S3 action",
                                    hint: "a bucket policy grants only s3: actions (such as s3:GetObject)",
                                    path: actionPath))
            }
        }
        return found
    }

    /// IAM and S3 refuse `NotPrincipal` with `Allow` in any resource-based policy.
    static func notPrincipalWithAllow(_ document: JSONValue) -> [Diagnostic] {
        statements(document).compactMap { statement, path in
            guard statement["NotPrincipal"] != nil, statement["Effect"]?.stringValue == "Allow" else { return nil }
            return .error("not-principal-with-allow", "NotPrincipal can only be used with Effect: Deny",
                          hint: "use Principal with Allow, or turn the statement into a Deny",
                          path: "\(path).NotPrincipal")
        }
    }

    private static func isTrustAction(_ action: String) -> Bool {
        let lowered = action.lowercased()
        return lowered == "*" || trustActions.contains(lowered) || (lowered.hasPrefix("sts:") && lowered.contains("*"))
    }

    /// Statements with their paths, named as the grammar names them.
    private static func statements(_ document: JSONValue) -> [(JSONValue, String)] {
        switch document["Statement"] {
        case let .array(items)?: return items.enumerated().map { ($0.element, "Statement[\($0.offset)]") }
        case let statement?: return [(statement, "Statement")]
        case nil: return []
        }
    }

    /// The strings of the first element present, each with its path (`…Action[1]`).
    private static func strings(_ statement: JSONValue, _ name: String, _ negated: String, path: String) -> [(String, String)] {
        let key = statement[name] != nil ? name : negated
        switch statement[key] {
        case let .string(text)?: return [(text, "\(path).\(key)")]
        case let .array(items)?: return items.enumerated().compactMap { index, item in item.stringValue.map { ($0, "\(path).\(key)[\(index)]") } }
        default: return []
        }
    }
}
