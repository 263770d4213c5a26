import IAMConfBackend
import IAMConfCore

/// Decodes the account-wide lists of an inventory (ListUsers, ListRoles, ListPolicies, …, S3's
/// ListBuckets) into the attributes the `IAMRequest` cases document, the simulator's keys.
///
/// Pure functions over parsed XML, like `RefreshReadDecoder`, so tests can feed recorded answers.
enum AccountListDecoder {
    /// The response to an account-wide list from every page of its answer; nil for other requests.
    static func response(_ results: [WireElement], for request: IAMRequest) -> IAMResponse? {
        switch request {
        case .listUsers: return named(results, list: "Users", key: "users", nameField: "UserName")
        case .listGroups: return named(results, list: "Groups", key: "groups", nameField: "GroupName")
        case .listRoles: return named(results, list: "Roles", key: "roles", nameField: "RoleName")
        case .listPolicies: return policies(results)
        case .listUserPolicies, .listGroupPolicies, .listRolePolicies:
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUserPolicies.html: PolicyNames.member
            let names = members(results, "PolicyNames").map(\.text)
            return IAMResponse(attributes: ["policies": WireAttributes.list(names)])
        case .listInstanceProfiles: return instanceProfiles(results)
        case .listOpenIDConnectProviders:
            let arns = members(results, "OpenIDConnectProviderList").compactMap { $0.value("Arn") }.sorted()
            return IAMResponse(attributes: ["providers": WireAttributes.list(arns)])
        case .listSAMLProviders:
            let arns = members(results, "SAMLProviderList").compactMap { $0.value("Arn") }.sorted()
            return IAMResponse(attributes: ["providers": WireAttributes.list(arns)])
        default:
            return nil
        }
    }

    /// S3 ListBuckets: `<ListAllMyBucketsResult><Buckets><Bucket><Name>…`
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html).
    static func buckets(_ root: WireElement?) -> IAMResponse {
        let buckets = root?.first("Buckets")?.children.filter { $0.name == "Bucket" } ?? []
        return IAMResponse(attributes: ["buckets": WireAttributes.list(buckets.compactMap { $0.value("Name") }.sorted())])
    }

    private static func members(_ results: [WireElement], _ list: String) -> [WireElement] {
        results.flatMap { $0.child(list)?.members ?? [] }
    }

    /// Users, groups and roles: names in the service's order, `paths` and `arns` keyed by name.
    private static func named(_ results: [WireElement], list: String, key: String, nameField: String) -> IAMResponse {
        let items = members(results, list).compactMap { member -> (String, String, String)? in
            guard let name = member.value(nameField) else { return nil }
            return (name, member.value("Path") ?? "/", member.value("Arn") ?? "")
        }
        return IAMResponse(attributes: [
            key: WireAttributes.list(items.map(\.0)),
            "paths": .object(items.map { (key: $0.0, value: .string($0.1)) }),
            "arns": .object(items.map { (key: $0.0, value: .string($0.2)) }),
        ])
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html
    private static func policies(_ results: [WireElement]) -> IAMResponse {
        let items = members(results, "Policies").compactMap { member -> (arn: String, name: String, path: String, version: String)? in
            guard let arn = member.value("Arn") else { return nil }
            return (arn, member.value("PolicyName") ?? "", member.value("Path") ?? "/", member.value("DefaultVersionId") ?? "")
        }
        return IAMResponse(attributes: [
            "policies": WireAttributes.list(items.map(\.arn)),
            "names": .object(items.map { (key: $0.arn, value: .string($0.name)) }),
            "paths": .object(items.map { (key: $0.arn, value: .string($0.path)) }),
            "default_versions": .object(items.map { (key: $0.arn, value: .string($0.version)) }),
        ])
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_InstanceProfile.html
    private static func instanceProfiles(_ results: [WireElement]) -> IAMResponse {
        let profiles = members(results, "InstanceProfiles")
        let names = profiles.compactMap { $0.value("InstanceProfileName") }
        let roles = profiles.compactMap { profile -> (key: String, value: JSONValue)? in
            guard let name = profile.value("InstanceProfileName"),
                  let role = profile.child("Roles")?.members.first?.value("RoleName") else { return nil }
            return (key: name, value: .string(role))
        }
        return IAMResponse(attributes: ["profiles": WireAttributes.list(names), "roles": .object(roles)])
    }
}
