import IAMConfCore
import IAMConfState

/// A role IAM lists under `/aws-service-role/SERVICE/` is a service-linked role: the configuration
/// declares it by service (`service_linked_roles: [{ service, suffix, description }]`), not as a
/// role, and AWS owns its trust and its policy
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
enum ServiceLinkedRoleExport {
    /// The role as the state holds a declared service-linked role, or nil when it is not one, or
    /// its name is not the one iamconf would give it (then it cannot be declared and is left out).
    static func declared(_ role: ResourceState) -> ResourceState? {
        guard role.type == .role, let name = role.address.name, let path = role.attributes["path"]?.stringValue,
              path.hasPrefix("/aws-service-role/"), path.hasSuffix("/") else { return nil }
        let service = String(path.dropFirst("/aws-service-role/".count).dropLast())
        guard !service.isEmpty, !service.contains("/"), !service.contains("_") else { return nil }
        let base = ServiceLinkedRoleName.of(service: service, suffix: nil)
        var suffix: String?
        if name != base {
            guard name.hasPrefix(base + "_"), name.count > base.count + 1 else { return nil }
            suffix = String(name.dropFirst(base.count + 1))
        }
        var linked = ServiceLinkedRole(service: service)
        linked.customSuffix = suffix
        var outputs = role.outputs
        outputs["name"] = name
        return ResourceState(
            address: Address(account: role.address.account, kind: .serviceLinkedRole, name: linked.addressName), type: .serviceLinkedRole,
            accountID: role.accountID,
            attributes: [
                "service": .string(service), "suffix": suffix.map(JSONValue.string) ?? .null,
                "description": role.attributes["description"].flatMap { $0 == .null ? nil : $0 } ?? .null,
            ],
            outputs: outputs)
    }
}
