import IAMConfCore
import IAMConfState

/// What an export leaves out, and why, collected as one line per reason (with the addresses).
struct ExportNotes: Sendable {
    private var awsOwned: [String] = []
    private var unknown: [String] = []
    private var secrets = 0

    /// False for what AWS owns and a person never writes: roles under `/aws-service-role/` or
    /// `/aws-reserved/` (declared through `service_linked_roles:`, or made by IAM Identity Center)
    /// with everything hanging off them, and the service-role policies AWS attaches to them.
    mutating func keeps(_ resource: ResourceState) -> Bool {
        if !resource.type.isKnown {
            unknown.append("\(resource.address) (\(resource.type))")
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

    mutating func countSecrets(_ count: Int) { secrets += count }

    mutating func merge(_ other: ExportNotes) {
        awsOwned += other.awsOwned
        unknown += other.unknown
        secrets += other.secrets
    }

    var lines: [String] {
        var lines: [String] = []
        if secrets > 0 {
            lines.append(
                "Note: secrets cannot be read back: \(secrets) access key(s), console password(s) and MFA device(s) are exported as existing "
                    + "(access_keys: N, login_profile, mfa: true) with their secrets unknown; the state written holds none, and no new ones are planned.")
        }
        if !awsOwned.isEmpty {
            lines.append("Note: left out as AWS-owned (AWS manages them, a configuration cannot): \(awsOwned.sorted().joined(separator: ", ")).")
        }
        if !unknown.isEmpty {
            lines.append("Note: left out, of a type this iamconf does not know: \(unknown.sorted().joined(separator: ", ")).")
        }
        return lines
    }
}
