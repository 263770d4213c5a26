import IAMConfBackend
import IAMConfCore

/// The account-wide lists an inventory reads (ListUsers, ListRoles, ListPolicies Scope=Local, …),
/// answered with the keys the `IAMRequest` cases document, names in IAM's order (sorted, as IAM
/// lists them case-insensitively by name).
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html
extension World.Account {
    /// Answers an account-wide list, or nil when the request is not one.
    func performList(_ request: IAMRequest) throws(BackendError) -> IAMResponse? {
        switch request {
        case .listUsers:
            let all = users.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return Self.named("users", all.map { ($0.name, $0.path, $0.arn) })
        case .listGroups:
            let all = groups.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return Self.named("groups", all.map { ($0.name, $0.path, $0.arn) })
        case .listRoles:
            let all = roles.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return Self.named("roles", all.map { ($0.name, $0.path, $0.arn) })
        case let .listPolicies(scope):
            guard scope == "Local" else {
                throw BackendError(.unsupported, "the simulator lists only customer managed policies (Scope=Local), not Scope=\(scope)")
            }
            let all = policies.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return IAMResponse(attributes: [
                "policies": AttributeValue.list(all.map(\.arn)),
                "names": .object(all.map { (key: $0.arn, value: .string($0.name)) }),
                "paths": .object(all.map { (key: $0.arn, value: .string($0.path)) }),
                "default_versions": .object(all.map { (key: $0.arn, value: .string($0.defaultVersionID)) }),
            ])
        case let .listUserPolicies(user):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingUser(user).inlinePolicies.keys.sorted())])
        case let .listGroupPolicies(group):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingGroup(group).inlinePolicies.keys.sorted())])
        case let .listRolePolicies(role):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingRole(role).inlinePolicies.keys.sorted())])
        case .listInstanceProfiles:
            let all = instanceProfiles.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
            return IAMResponse(attributes: [
                "profiles": AttributeValue.list(all.map(\.name)),
                "roles": .object(all.compactMap { profile in profile.roles.first.map { (key: profile.name, value: .string($0)) } }),
            ])
        case .listOpenIDConnectProviders:
            return IAMResponse(attributes: ["providers": AttributeValue.list(oidcProviders.values.map(\.arn).sorted())])
        case .listSAMLProviders:
            return IAMResponse(attributes: ["providers": AttributeValue.list(samlProviders.values.map(\.arn).sorted())])
        case .listBuckets:
            return IAMResponse(attributes: ["buckets": AttributeValue.list(buckets.keys.sorted())])
        default:
            return nil
        }
    }

    private static func named(_ key: String, _ objects: [(name: String, path: String, arn: String)]) -> IAMResponse {
        IAMResponse(attributes: [
            key: AttributeValue.list(objects.map(\.name)),
            "paths": .object(objects.map { (key: $0.name, value: .string($0.path)) }),
            "arns": .object(objects.map { (key: $0.name, value: .string($0.arn)) }),
        ])
    }
}

extension IAMRequest {
    /// The account-wide lists, which change nothing.
    var isAccountList: Bool {
        switch self {
        case .listUsers, .listGroups, .listRoles, .listPolicies, .listUserPolicies, .listGroupPolicies, .listRolePolicies,
            .listInstanceProfiles, .listOpenIDConnectProviders, .listSAMLProviders, .listBuckets:
            return true
        default: return false
        }
    }
}
