import Foundation
import IAMConfCore
import IAMConfBackend

/// Completes a read (`GetUser`, `GetGroup`, `GetRole`, `GetPolicy`) with what IAM reports only
/// through separate list calls, so an endpoint read carries the same attributes as the simulator's:
/// `groups`, `policies`, `inline_policies`, `access_keys`, `login_profile`, `instance_profiles`,
/// `document`, …
///
/// List values are arrays of strings; every list call follows `Marker` until `IsTruncated` is
/// false (moto omits `IsTruncated` on some lists: missing means false).
struct ReadEnricher: Sendable {
    let client: QueryClient
    let credentials: AWSCredentials

    func enrich(_ request: IAMRequest, _ attributes: inout [String: JSONValue]) async throws(BackendError) {
        switch request {
        case let .getUser(name):
            let who = [QueryParameter("UserName", name)]
            attributes["groups"] = try await list("ListGroupsForUser", who, "Groups", field: "GroupName")
            attributes["policies"] = try await list("ListAttachedUserPolicies", who, "AttachedPolicies", field: "PolicyArn")
            attributes["inline_policies"] = try await list("ListUserPolicies", who, "PolicyNames", sorted: true)
            attributes["access_keys"] = try await list("ListAccessKeys", who, "AccessKeyMetadata", field: "AccessKeyId")
            try await addLoginProfile(of: name, to: &attributes)
            attributes["tags"] = attributes["tags"] ?? .object([])
        case let .getGroup(name):
            let which = [QueryParameter("GroupName", name)]
            attributes["members"] = attributes["members"] ?? .array([])
            attributes["policies"] = try await list("ListAttachedGroupPolicies", which, "AttachedPolicies", field: "PolicyArn")
            attributes["inline_policies"] = try await list("ListGroupPolicies", which, "PolicyNames", sorted: true)
        case let .getRole(name):
            let which = [QueryParameter("RoleName", name)]
            attributes["policies"] = try await list("ListAttachedRolePolicies", which, "AttachedPolicies", field: "PolicyArn")
            attributes["inline_policies"] = try await list("ListRolePolicies", which, "PolicyNames", sorted: true)
            attributes["instance_profiles"] = try await list(
                "ListInstanceProfilesForRole", which, "InstanceProfiles", field: "InstanceProfileName")
            attributes["tags"] = attributes["tags"] ?? .object([])
        case let .getPolicy(arn):
            try await addPolicyDetails(arn, to: &attributes)
        default:
            return
        }
    }

    private func addLoginProfile(of user: String, to attributes: inout [String: JSONValue]) async throws(BackendError) {
        let call = QueryCall(service: .iam, action: "GetLoginProfile", parameters: [QueryParameter("UserName", user)])
        do {
            let root = try await client.perform(call, credentials: credentials)
            attributes["login_profile"] = .bool(true)
            attributes["password_reset_required"] = .bool(root.first("PasswordResetRequired")?.text == "true")
        } catch where error.code == .noSuchEntity {
            attributes["login_profile"] = .bool(false)
        }
    }

    private func addPolicyDetails(_ arn: String, to attributes: inout [String: JSONValue]) async throws(BackendError) {
        attributes["aws_managed"] = .bool(arn.hasPrefix("arn:aws:iam::aws:policy/"))
        attributes["tags"] = attributes["tags"] ?? .object([])
        guard let version = attributes["default_version_id"]?.stringValue else { return }
        let call = QueryCall(
            service: .iam, action: "GetPolicyVersion",
            parameters: [QueryParameter("PolicyArn", arn), QueryParameter("VersionId", version)])
        let root = try await client.perform(call, credentials: credentials)
        if let document = root.first("Document")?.text { attributes["document"] = .string(WireAttributes.decodeDocument(document)) }
    }

    /// Every page of a list action; `field` picks a member's child, or the member's text when nil.
    private func list(
        _ action: String, _ parameters: [QueryParameter], _ listName: String, field: String? = nil, sorted: Bool = false
    ) async throws(BackendError) -> JSONValue {
        let call = QueryCall(service: .iam, action: action, parameters: parameters)
        let pages = try await client.allPages(call, credentials: credentials)
        let values = pages.flatMap { root -> [String] in
            let members = (root.child("\(action)Result") ?? root).child(listName)?.members ?? []
            return members.compactMap { member in field.map { member.value($0) } ?? member.text }
        }
        return WireAttributes.list(sorted ? values.sorted() : values)
    }
}
