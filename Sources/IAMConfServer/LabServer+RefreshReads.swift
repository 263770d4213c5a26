import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfSimulator

/// The reads iamconf's endpoint backend makes to refresh and import (`plan --refresh`), answered
/// from the world in the shapes its `RefreshReadDecoder` and boto3 read.
extension LabServer {
    func refreshRead(
        _ action: String, _ p: QueryParameters, world: World.Account, authorize: (String) async throws(ServiceError) -> Void
    ) async throws(ServiceError) -> String? {
        let account = world.id
        func arn(_ type: String, _ name: String) -> String { "arn:aws:iam::\(account):\(type)/\(name)" }
        switch action {
        case "GetLoginProfile":
            let name = try p.required("UserName")
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            guard let profile = user.loginProfile else {
                throw ServiceError("NoSuchEntity", "Login Profile for User \(user.name) cannot be found.", status: 404)
            }
            return "<LoginProfile>" + XMLText.element("UserName", user.name) + XMLText.element("CreateDate", WireTime.text(profile.createDate))
                + XMLText.element("PasswordResetRequired", profile.passwordResetRequired ? "true" : "false") + "</LoginProfile>"
        case "ListAccountAliases":
            try await authorize("*")
            return "<AccountAliases>" + (world.alias.map { "<member>\(XMLText.escape($0))</member>" } ?? "") + "</AccountAliases>"
                + XMLText.element("IsTruncated", "false")
        case "GetAccountPasswordPolicy":
            try await authorize("*")
            guard let policy = world.passwordPolicy else {
                throw ServiceError("NoSuchEntity", "The Password Policy with domain name \(account) cannot be found.", status: 404)
            }
            return "<PasswordPolicy>" + XMLText.element("MinimumPasswordLength", String(policy.minimumPasswordLength))
                + XMLText.element("RequireSymbols", String(policy.requireSymbols)) + XMLText.element("RequireNumbers", String(policy.requireNumbers))
                + XMLText.element("RequireUppercaseCharacters", String(policy.requireUppercaseCharacters))
                + XMLText.element("RequireLowercaseCharacters", String(policy.requireLowercaseCharacters))
                + XMLText.element("AllowUsersToChangePassword", String(policy.allowUsersToChangePassword))
                + XMLText.element("ExpirePasswords", String(policy.maxPasswordAge != nil))
                + XMLText.element("MaxPasswordAge", policy.maxPasswordAge.map(String.init))
                + XMLText.element("PasswordReusePrevention", policy.passwordReusePrevention.map(String.init))
                + XMLText.element("HardExpiry", String(policy.hardExpiry)) + "</PasswordPolicy>"
        case "GetUserPolicy", "GetGroupPolicy", "GetRolePolicy":
            let (field, kind) = action == "GetUserPolicy" ? ("UserName", "user") : action == "GetGroupPolicy" ? ("GroupName", "group") : ("RoleName", "role")
            let name = try p.required(field)
            let policyName = try p.required("PolicyName")
            let entity: (name: String, arn: String, inline: [String: String])? = switch kind {
            case "user": world.user(named: name).map { ($0.name, $0.arn, $0.inlinePolicies) }
            case "group": world.group(named: name).map { ($0.name, $0.arn, $0.inlinePolicies) }
            default: world.role(named: name).map { ($0.name, $0.arn, $0.inlinePolicies) }
            }
            let found = try Self.found(entity, kind, name)
            try await authorize(found.arn)
            guard let document = found.inline[policyName] else {
                throw ServiceError("NoSuchEntity", "The \(kind) policy with name \(policyName) cannot be found.", status: 404)
            }
            return XMLText.element(field, found.name) + XMLText.element("PolicyName", policyName)
                + XMLText.element("PolicyDocument", PercentEncoding.encode(document))
        case "GetInstanceProfile":
            let name = try p.required("InstanceProfileName")
            let profile = try Self.found(world.instanceProfile(named: name), "instance profile", name)
            try await authorize(profile.arn)
            let roles = profile.roles.compactMap { world.role(named: $0) }.map { "<member>" + IAMXML.role($0) + "</member>" }.joined()
            return "<InstanceProfile>" + IAMXML.instanceProfile(profile).replacingOccurrences(of: "<Roles/>", with: "<Roles>\(roles)</Roles>")
                + "</InstanceProfile>"
        case "GetOpenIDConnectProvider":
            let providerARN = try p.required("OpenIDConnectProviderArn")
            let provider = try Self.found(world.oidcProviders[providerARN], "OpenIDConnect provider", providerARN)
            try await authorize(provider.arn)
            return XMLText.element("Url", provider.url) + "<ClientIDList>" + IAMXML.members(provider.clientIDs.map(XMLText.escape))
                + "</ClientIDList><ThumbprintList>" + IAMXML.members(provider.thumbprints.map(XMLText.escape)) + "</ThumbprintList>"
                + XMLText.element("CreateDate", WireTime.text(provider.createDate)) + IAMXML.tags(provider.tags)
        case "ListOpenIDConnectProviders":
            // No resource type: authorized on "*"
            // (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html).
            try await authorize("*")
            return "<OpenIDConnectProviderList>"
                + world.oidcProviders.values.sorted { $0.arn < $1.arn }.map { "<member>" + XMLText.element("Arn", $0.arn) + "</member>" }.joined()
                + "</OpenIDConnectProviderList>"
        case "ListSAMLProviders":
            try await authorize("*")
            return "<SAMLProviderList>"
                + world.samlProviders.values.sorted { $0.arn < $1.arn }.map {
                    "<member>" + XMLText.element("Arn", $0.arn) + XMLText.element("CreateDate", WireTime.text($0.createDate)) + "</member>"
                }.joined() + "</SAMLProviderList>"
        case "GetSAMLProvider":
            let providerARN = try p.required("SAMLProviderArn")
            let provider = try Self.found(world.samlProviders.values.first { $0.arn == providerARN }, "SAML provider", providerARN)
            try await authorize(provider.arn)
            return XMLText.element("SAMLMetadataDocument", provider.metadataDocument)
                + XMLText.element("CreateDate", WireTime.text(provider.createDate)) + IAMXML.tags(provider.tags)
        case "GetPolicyVersion", "ListPolicyVersions":
            let policyARN = try p.required("PolicyArn")
            if world.policy(arn: policyARN) == nil, let managed = ManagedPolicyCatalog.shared.policy(arn: policyARN) {
                // An AWS managed policy: the catalog knows its default version only.
                try await authorize(managed.arn)
                let version = XMLText.element("VersionId", managed.defaultVersionID) + XMLText.element("IsDefaultVersion", "true")
                if action == "ListPolicyVersions" { return "<Versions><member>\(version)</member></Versions><IsTruncated>false</IsTruncated>" }
                guard p["VersionId"] == managed.defaultVersionID else {
                    throw ServiceError("NoSuchEntity", "Policy \(policyARN) version \(p["VersionId"] ?? "") does not exist or is not attachable.", status: 404)
                }
                return "<PolicyVersion>" + XMLText.element("Document", PercentEncoding.encode(managed.documentText)) + version + "</PolicyVersion>"
            }
            let policy = try Self.found(world.policy(arn: policyARN), "policy", policyARN)
            try await authorize(policy.arn)
            func version(_ v: World.PolicyVersion, document: Bool) -> String {
                (document ? XMLText.element("Document", PercentEncoding.encode(v.document)) : "") + XMLText.element("VersionId", v.versionID)
                    + XMLText.element("IsDefaultVersion", String(v.versionID == policy.defaultVersionID))
                    + XMLText.element("CreateDate", WireTime.text(v.createDate))
            }
            if action == "ListPolicyVersions" {
                return "<Versions>" + policy.versions.reversed().map { "<member>" + version($0, document: false) + "</member>" }.joined()
                    + "</Versions>" + XMLText.element("IsTruncated", "false")
            }
            let id = try p.required("VersionId")
            guard let found = policy.versions.first(where: { $0.versionID == id }) else {
                throw ServiceError("NoSuchEntity", "Policy \(policyARN) version \(id) does not exist or is not attachable.", status: 404)
            }
            return "<PolicyVersion>" + version(found, document: true) + "</PolicyVersion>"
        case "ListAttachedGroupPolicies":
            let name = try p.required("GroupName")
            let group = try Self.found(world.group(named: name), "group", name)
            try await authorize(group.arn)
            let page = try IAMXML.page(group.attachedPolicies, parameters: p)
            return "<AttachedPolicies>" + page.items.map(IAMXML.attachedPolicy).joined() + "</AttachedPolicies>" + page.trailer
        case "ListUserPolicies", "ListGroupPolicies", "ListRolePolicies":
            let (field, kind) = action == "ListUserPolicies" ? ("UserName", "user") : action == "ListGroupPolicies" ? ("GroupName", "group") : ("RoleName", "role")
            let name = try p.required(field)
            let entity: (arn: String, inline: [String: String])? = switch kind {
            case "user": world.user(named: name).map { ($0.arn, $0.inlinePolicies) }
            case "group": world.group(named: name).map { ($0.arn, $0.inlinePolicies) }
            default: world.role(named: name).map { ($0.arn, $0.inlinePolicies) }
            }
            let found = try Self.found(entity, kind, name)
            try await authorize(found.arn)
            let page = try IAMXML.page(found.inline.keys.sorted(), parameters: p)
            return "<PolicyNames>" + IAMXML.members(page.items.map(XMLText.escape)) + "</PolicyNames>" + page.trailer
        case "ListInstanceProfilesForRole":
            let name = try p.required("RoleName")
            let role = try Self.found(world.role(named: name), "role", name)
            try await authorize(role.arn)
            let page = try IAMXML.page(role.instanceProfiles.compactMap { world.instanceProfile(named: $0) }, parameters: p)
            return "<InstanceProfiles>" + page.items.map { "<member>" + IAMXML.instanceProfile($0) + "</member>" }.joined()
                + "</InstanceProfiles>" + page.trailer
        default:
            return nil
        }
    }

    static let refreshReadActions: Set<String> = [
        "GetLoginProfile", "ListAccountAliases", "GetAccountPasswordPolicy", "GetUserPolicy", "GetGroupPolicy", "GetRolePolicy",
        "GetInstanceProfile", "GetOpenIDConnectProvider", "GetSAMLProvider", "GetPolicyVersion", "ListPolicyVersions",
        "ListAttachedGroupPolicies", "ListUserPolicies", "ListGroupPolicies", "ListRolePolicies",
        "ListInstanceProfilesForRole", "ListOpenIDConnectProviders", "ListSAMLProviders",
    ]
}
