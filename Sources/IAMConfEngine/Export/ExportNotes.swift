import IAMConfCore
import IAMConfState

/// What an export leaves out, and why, collected as one line per reason (with the addresses).
struct ExportNotes: Sendable {
    private var awsOwned: [String] = []
    private var unknown: [String] = []
    /// The organization's resources: an export writes accounts, not the `organization:` block yet.
    private var organization: [String] = []
    /// Objects whose secret stays behind, by what the secret is (`access key`, `console password`, `MFA device`).
    private var secrets: [String: Int] = [:]

    /// False for what AWS owns and a person never writes: roles under `/aws-service-role/` or
    /// `/aws-reserved/` (declared through `service_linked_roles:`, or made by IAM Identity Center)
    /// with everything hanging off them, and the service-role policies AWS attaches to them.
    mutating func keeps(_ resource: ResourceState) -> Bool {
        if !resource.type.isKnown {
            unknown.append("\(resource.address) (\(resource.type))")
            return false
        }
        if resource.address.account == Address.organizationAccount {
            organization.append(resource.address.description)
            return false
        }
        if let arn = resource.attributes["policy_arn"]?.stringValue, ServiceLinkedRolePolicy.isServiceRolePolicy(arn) {
            awsOwned.append(resource.address.description)
            return false
        }
        if resource.type == .role, let path = resource.attributes["path"]?.stringValue,
           path.hasPrefix("/aws-service-role/") || path.hasPrefix("/aws-reserved/") {
            awsOwned.append(resource.address.description)
            return false
        }
        return true
    }

    mutating func countSecret(of resource: ResourceState) {
        let what: String? = switch resource.type {
        case .accessKey: "access key"
        case .loginProfile: "console password"
        case .mfaDevice: "MFA device seed"
        default: nil
        }
        if let what { secrets[what, default: 0] += 1 }
    }

    mutating func merge(_ other: ExportNotes) {
        awsOwned += other.awsOwned
        unknown += other.unknown
        organization += other.organization
        secrets.merge(other.secrets, uniquingKeysWith: +)
    }

    var lines: [String] {
        var lines: [String] = []
        if !secrets.isEmpty {
            let counted = ["access key", "console password", "MFA device seed"].compactMap { what in
                secrets[what].map { "\($0) \(what)\($0 == 1 ? "" : "s")" }
            }
            lines.append(
                "Note: secrets cannot be read back from IAM: \(counted.joined(separator: ", ")) exported as existing, "
                    + "their secrets unknown (marked in the YAML); the state written holds no secrets, and plan creates no new ones.")
        }
        if !awsOwned.isEmpty {
            lines.append("Note: left out as AWS-owned (AWS manages them, a configuration cannot): \(awsOwned.sorted().joined(separator: ", ")).")
        }
        if !unknown.isEmpty {
            lines.append("Note: left out, of a type this iamconf does not know: \(unknown.sorted().joined(separator: ", ")).")
        }
        if !organization.isEmpty {
            lines.append(
                "Note: left out, the organization (export writes no organization: block yet; copy it from the configuration "
                    + "that applied it): \(organization.sorted().joined(separator: ", ")).")
        }
        return lines
    }
}
