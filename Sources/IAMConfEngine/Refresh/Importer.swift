import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Adopts an object that already exists in the backend into the state, like `terraform import`:
/// the configuration says where it belongs (an address it declares), the import id says which
/// object it is, and the backend says what it looks like. A plan then shows whatever still differs.
public struct Importer: Sendable {
    public var backend: any Backend

    public init(backend: any Backend) {
        self.backend = backend
    }

    /// Which import id each resource type takes, for the command's help and error messages.
    public static func idForm(_ type: ResourceType) -> String {
        switch type {
        case .user, .loginProfile: return "the user name (alice)"
        case .group: return "the group name (developers)"
        case .role: return "the role name (S3Access)"
        case .policy: return "the policy ARN (arn:aws:iam::111111111111:policy/AssumeS3Access)"
        case .userGroupMembership: return "USER/GROUP (alice/developers)"
        case .userPolicyAttachment: return "USER/POLICY_ARN (alice/arn:aws:iam::aws:policy/ReadOnlyAccess)"
        case .groupPolicyAttachment: return "GROUP/POLICY_ARN (developers/arn:aws:iam::aws:policy/ReadOnlyAccess)"
        case .rolePolicyAttachment: return "ROLE/POLICY_ARN (S3Access/arn:aws:iam::aws:policy/AmazonS3FullAccess)"
        case .userInlinePolicy: return "USER/POLICY_NAME (alice/AllowAssume)"
        case .groupInlinePolicy: return "GROUP/POLICY_NAME (developers/ReadReports)"
        case .roleInlinePolicy: return "ROLE/POLICY_NAME (S3Access/ReadReports)"
        case .accessKey: return "USER/ACCESS_KEY_ID (alice/AKIAIOSFODNN7EXAMPLE)"
        case .instanceProfile: return "the instance profile name (web-server)"
        case .instanceProfileRole: return "PROFILE/ROLE (web-server/WebServerRole)"
        case .oidcProvider: return "the provider ARN (arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com)"
        case .samlProvider: return "the provider ARN (arn:aws:iam::111111111111:saml-provider/corp-sso)"
        case .serviceLinkedRole: return "the role name (AWSServiceRoleForAutoScaling)"
        case .bucket, .bucketPolicy: return "the bucket name (shared-reports)"
        case .accountAlias: return "the alias (acme-target)"
        case .passwordPolicy: return "the account id (111111111111)"
        }
    }

    /// Reads the object `id` names and returns the state entry for `resource`: the configuration's
    /// attributes overwritten by what the backend has, the backend's identifiers, no secrets
    /// (IAM never returns them again).
    public func importResource(_ resource: Resource, id: String) async throws(ImportError) -> ResourceState {
        let (attributes, outputs) = try Self.key(for: resource, id: id)
        let live: LiveObject?
        do {
            live = try await LiveReader(backend: backend).read(resource.type, accountID: resource.accountID, attributes: attributes, outputs: outputs)
        } catch {
            throw ImportError(.backend, "reading \(id) for \(resource.address) failed: \(error)")
        }
        guard let live else {
            throw ImportError(.notFound, "\(id) does not exist in account \(resource.accountID), so it cannot be imported into \(resource.address)")
        }
        var state = ResourceState(
            address: resource.address, type: resource.type.rawValue, accountID: resource.accountID,
            attributes: resource.attributes, outputs: outputs, dependencies: resource.dependencies)
        for (name, value) in attributes { state.attributes[name] = value }
        for (name, value) in live.attributes where !Refresher.isUnsetDefault(resource.type, resource.attributes[name] ?? .null) {
            state.attributes[name] = value
        }
        state.outputs.merge(live.outputs) { _, new in new }
        return state
    }

    /// The attributes and outputs that identify the object an import id names.
    static func key(for resource: Resource, id: String) throws(ImportError) -> ([String: JSONValue], [String: String]) {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ImportError(.badID, "the import id is empty; \(resource.address) takes \(idForm(resource.type))") }
        func pair(_ first: String, _ second: String) throws(ImportError) -> [String: JSONValue] {
            guard let slash = trimmed.firstIndex(of: "/"), slash != trimmed.startIndex, trimmed.index(after: slash) != trimmed.endIndex else {
                throw ImportError(.badID, "'\(id)' is not an import id for \(resource.address), which takes \(idForm(resource.type))")
            }
            return [first: .string(String(trimmed[..<slash])), second: .string(String(trimmed[trimmed.index(after: slash)...]))]
        }
        func arn(_ service: String) throws(ImportError) -> String {
            guard trimmed.hasPrefix("arn:"), trimmed.contains(":\(service)") else {
                throw ImportError(.badID, "'\(id)' is not an ARN; \(resource.address) takes \(idForm(resource.type))")
            }
            return trimmed
        }
        switch resource.type {
        case .user, .group, .role, .instanceProfile, .bucket: return (["name": .string(trimmed)], [:])
        case .loginProfile: return (["user": .string(trimmed)], [:])
        case .bucketPolicy: return (["bucket": .string(trimmed)], [:])
        case .accountAlias: return (["alias": .string(trimmed)], [:])
        case .passwordPolicy: return ([:], [:])
        case .policy: return ([:], ["arn": try arn("policy/")])
        case .oidcProvider: return ([:], ["arn": try arn("oidc-provider/")])
        case .samlProvider: return ([:], ["arn": try arn("saml-provider/")])
        case .serviceLinkedRole: return ([:], ["name": trimmed])
        case .userGroupMembership: return (try pair("user", "group"), [:])
        case .userPolicyAttachment: return (try pair("user", "policy_arn"), [:])
        case .groupPolicyAttachment: return (try pair("group", "policy_arn"), [:])
        case .rolePolicyAttachment: return (try pair("role", "policy_arn"), [:])
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy: return (try pair("entity", "name"), [:])
        case .instanceProfileRole: return (try pair("profile", "role"), [:])
        case .accessKey:
            let parts = try pair("user", "access_key_id")
            return (["user": parts["user"] ?? .null], ["access_key_id": parts["access_key_id"]?.stringValue ?? ""])
        }
    }
}

/// Why an import was refused.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The id does not have the form the resource type takes.
        case badID = "bad-import-id"
        /// The backend has no such object.
        case notFound = "import-not-found"
        /// The backend failed while reading.
        case backend = "backend-error"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
