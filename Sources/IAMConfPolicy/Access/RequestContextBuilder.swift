import IAMConfCore

/// Builds the request context AWS would gather for a caller's request.
///
/// Keys and when each is present follow AWS's global condition context keys page:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
/// Keys iamconf cannot know (`aws:SourceIp`, `aws:SourceVpc`, `aws:PrincipalOrgID`, `sts:ExternalId`)
/// are left out, so conditions on them show up as missing keys; the question's own values
/// (`--context`) are applied last and replace anything built here.
struct RequestContextBuilder {
    var now: UTCTime
    var region: String

    func context(
        for caller: AccessCaller, resourceAccount: String?, extra: [String: [String]], overrides: [String: [String]]
    ) -> RequestContext {
        var context = caller.principalKeys ?? Self.principalKeys(of: caller)
        let time = now.iso8601
        addAuthenticationKeys(caller, time: time, to: &context)
        context.set("aws:CurrentTime", [time], type: .date)
        context.set("aws:EpochTime", [String(now.secondsSince1970)], type: .numeric)
        // iamconf's questions model calls made with the AWS CLI or an SDK: always HTTPS, never
        // made by a service on the caller's behalf.
        context.set("aws:SecureTransport", ["true"], type: .boolean)
        context.set("aws:ViaAWSService", ["false"], type: .boolean)
        context.set("aws:RequestedRegion", [region], type: .string)
        if let resourceAccount { context.set("aws:ResourceAccount", [resourceAccount], type: .string) }
        for (key, values) in extra.sorted(by: { $0.key < $1.key }) { context.set(key, values, type: .string) }
        for (key, values) in overrides.sorted(by: { $0.key < $1.key }) { context.set(key, values, type: context[key]?.type) }
        return context
    }

    /// The keys that depend on the principal alone (not on the time or the request).
    /// `aws:PrincipalArn` is the role's ARN for a session (not the session's), as AWS documents.
    static func principalKeys(of caller: AccessCaller) -> RequestContext {
        var context = RequestContext()
        let principal = caller.principal
        let isService = principal.kind == .service
        context.set("aws:PrincipalIsAWSService", [isService ? "true" : "false"], type: .boolean)
        if isService { context.set("aws:PrincipalServiceName", [principal.arn], type: .string) }
        // A service or an identity provider is no IAM principal: the keys below describe IAM callers,
        // and a provider's own keys (token.actions.githubusercontent.com:sub, saml:aud) come from --context.
        guard principal.kind != .service, principal.kind != .federated else { return context }
        context.set("aws:PrincipalArn", [principal.roleARN ?? principal.arn], type: .string)
        if let account = principal.account { context.set("aws:PrincipalAccount", [account], type: .string) }
        context.set("aws:PrincipalType", [principal.kind.principalType], type: .string)
        context.set("aws:userid", [caller.userID], type: .string)
        if let userName = caller.userName { context.set("aws:username", [userName], type: .string) }
        for tag in caller.tags { context.set("aws:PrincipalTag/\(tag.key)", [tag.value], type: .string) }
        return context
    }

    /// MFA keys: present with temporary credentials (role sessions, MFA-authenticated sessions);
    /// absent for long-term access keys, where AWS includes neither.
    private func addAuthenticationKeys(_ caller: AccessCaller, time: String, to context: inout RequestContext) {
        guard caller.isTemporary || caller.isMFAAuthenticated else { return }
        context.set("aws:MultiFactorAuthPresent", [caller.isMFAAuthenticated ? "true" : "false"], type: .boolean)
        if caller.isMFAAuthenticated { context.set("aws:MultiFactorAuthAge", ["0"], type: .numeric) }
        context.set("aws:TokenIssueTime", [time], type: .date)
    }
}
