import IAMConfPolicy

/// AWS's `AccessDenied` message for a refused request, with the reason AWS gives when it gives one
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
/// "User: ARN is not authorized to perform: ACTION on resource: ARN because no identity-based policy
/// allows the ACTION action", "… with an explicit deny in a permissions boundary", ….
enum DenialMessage {
    static func text(caller: String, action: String, resource: String, step: AccessStep?, withReason: Bool = true) -> String {
        let base = "User: \(caller) is not authorized to perform: \(action) on resource: \(resource)"
        guard withReason, let step, let reason = reason(step, action: action) else { return base }
        return "\(base) \(reason)"
    }

    static func reason(_ step: AccessStep, action: String) -> String? {
        switch step.outcome {
        case .allowed:
            return nil
        case .explicitDeny:
            if step.serviceControl?.isExplicitDeny == true { return "with an explicit deny in a service control policy" }
            let denies = (step.identitySide.reasons + (step.resourceSide?.reasons ?? [])).filter { $0.effect == .deny }
            let where_: String
            switch denies.first?.role {
            case .permissionsBoundary?: where_ = "a permissions boundary"
            case .resource?: where_ = "a resource-based policy"
            case .serviceControl?: where_ = "a service control policy"
            case .session?: where_ = "a session policy"
            default: where_ = "an identity-based policy"
            }
            return "with an explicit deny in \(where_)"
        case .implicitDeny:
            if step.refusedBy.contains(.serviceControlPolicies) { return "because no service control policy allows the \(action) action" }
            if step.refusedBy.contains(.identity) {
                if step.isAllowedByPermissionsBoundary == false { return "because no permissions boundary allows the \(action) action" }
                return "because no identity-based policy allows the \(action) action"
            }
            return "because no resource-based policy allows the \(action) action"
        }
    }
}
