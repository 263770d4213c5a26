import IAMConfCore

/// The human and JSON views of an answer, shared by `check`, `test` and `plan`.
extension AccessAnswer {
    /// The headline, then one block per request of the chain with its reasons, then the notes.
    public func text(indent: String = "") -> String {
        var lines = [indent + headline]
        for (number, step) in steps.enumerated() {
            lines += step.textLines(number: number + 1, isOnlyStep: steps.count == 1).map { indent + "  " + $0 }
        }
        lines += notes.map { indent + "  note: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        .object([
            ("allowed", .bool(isAllowed)),
            ("decision", .string(outcome.rawValue)),
            ("summary", .string(headline)),
            ("steps", .array(steps.map(\.json))),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }
}

extension AccessStep {
    var verb: String {
        switch outcome {
        case .allowed: return "allowed"
        case .explicitDeny: return "explicitly denied"
        case .implicitDeny: return "denied"
        }
    }

    /// `source.user.alice (ARN) sts:AssumeRole on ROLE: denied`, then the sides and reasons.
    func textLines(number: Int, isOnlyStep: Bool) -> [String] {
        let subject = kind == .assumeRole ? "assume \(roleName ?? resource)" : "\(action) on \(resource)"
        let prefix = isOnlyStep ? "" : "\(number). "
        var lines = detailLines()
        if !isOnlyStep { lines = lines.map { " " + $0 } }
        return ["\(prefix)\(callerName) (\(callerARN)): \(subject): \(verb)"] + lines
    }

    /// The lines under a step's heading, indented two spaces.
    private func detailLines() -> [String] {
        var lines: [String] = []
        if kind == .assumeRole { lines.append("   \(action) on \(resource)") }
        if outcome != .allowed, !refusedBy.isEmpty {
            lines.append("   refused by " + refusedBy.map(sideName).joined(separator: " and "))
        }
        if outcome != .allowed, let rule { lines.append("   rule: \(rule.explanation)") }
        if outcome == .implicitDeny || resourceSide != nil || kind == .assumeRole {
            lines += sideLines()
        } else {
            lines += reasons.map { "   \($0.effect == .allow ? "allowed" : "denied") by \($0.text)" }
        }
        if isAllowedByPermissionsBoundary == false {
            let names = permissionsBoundaryNames.isEmpty ? "" : " (\(permissionsBoundaryNames.joined(separator: ", ")))"
            lines.append("   the permissions boundary\(names) does not allow \(action)")
        }
        if !missingContextKeys.isEmpty {
            lines.append("   missing context keys: \(missingContextKeys.joined(separator: ", ")) (not in the request context)")
        }
        return lines.map { String($0.dropFirst()) }
    }

    private func sideLines() -> [String] {
        var lines: [String] = []
        if let serviceControl, !serviceControl.isAllowed {
            lines += serviceControl.lines(action: action).map { "   \($0)" }
        }
        if hasIdentitySide {
            lines.append("   identity side of \(callerName): \(describe(identitySide, noun: "identity policy"))")
            lines += identitySide.reasons.map { "     - \($0.text)" }
            lines += identitySide.unmetConditions.map { "     - \($0.text) would allow, but its Condition is not met" }
        }
        if let resourceSide, let resourcePolicyName {
            lines.append("   \(resourcePolicyName): \(describe(resourceSide, noun: "statement"))")
            lines += resourceSide.reasons.map { "     - \($0.text)" }
            lines += resourceSide.unmetConditions.map { "     - \($0.text) would allow, but its Condition is not met" }
        } else if refusedBy.contains(.resourcePolicy) {
            let owner = resourceAccount.map { "account \($0)" } ?? "the resource's account"
            lines.append("   no resource-based policy of \(owner) allows it")
        }
        return lines
    }

    private func describe(_ verdict: Verdict, noun: String) -> String {
        if verdict.isExplicitDeny { return "denies explicitly" }
        if verdict.isAllowed { return "allows" }
        if isAllowedByPermissionsBoundary == false, !verdict.reasons.isEmpty {
            return "refuses (the identity policies below allow it, but the permissions boundary does not)"
        }
        if !verdict.unmetConditions.isEmpty { return "refuses (a Condition is not met)" }
        return "refuses (no \(noun) allows \(action) on \(resource) for this caller)"
    }

    func sideName(_ side: Side) -> String {
        switch side {
        case .identity: return "the identity side of \(callerName)"
        case .resourcePolicy: return resourcePolicyName ?? "the resource's account (no resource-based policy allows it)"
        case .serviceControlPolicies: return "the service control policies of \(ARN(callerARN).map { "account \($0.account)" } ?? "the caller's account")"
        }
    }

    var json: JSONValue {
        let optional: (String?) -> JSONValue = { $0.map(JSONValue.string) ?? .null }
        var members: [(key: String, value: JSONValue)] = []
        members.append(("kind", .string(kind.rawValue)))
        members.append(("caller", .string(callerName)))
        members.append(("callerArn", .string(callerARN)))
        members.append(("action", .string(action)))
        members.append(("resource", .string(resource)))
        members.append(("role", optional(roleName)))
        members.append(("resourceAccount", optional(resourceAccount)))
        members.append(("resourcePolicy", optional(resourcePolicyName)))
        members.append(("decision", .string(outcome.rawValue)))
        members.append(("refusedBy", .array(refusedBy.map { JSONValue.string($0.rawValue) })))
        members.append(("reasons", .array(reasons.map(\.json))))
        members.append(("identitySide", hasIdentitySide ? identitySide.json : .null))
        members.append(("resourcePolicySide", resourceSide?.json ?? .null))
        members.append(("permissionsBoundaryAllows", isAllowedByPermissionsBoundary.map(JSONValue.bool) ?? .null))
        members.append(("permissionsBoundaries", .array(permissionsBoundaryNames.map(JSONValue.string))))
        members.append(("rule", rule.map { JSONValue.string($0.explanation) } ?? .null))
        members.append(("serviceControlPolicies", serviceControl?.json ?? .null))
        members.append(("missingContextKeys", .array(missingContextKeys.map(JSONValue.string))))
        let contextMembers: [(key: String, value: JSONValue)] = context.map { entry in
            (key: entry.key, value: JSONValue.array(entry.values.map(JSONValue.string)))
        }
        members.append(("context", .object(contextMembers)))
        return .object(members)
    }
}

extension AccessStep.Verdict {
    var json: JSONValue {
        .object([
            ("allowed", .bool(isAllowed)),
            ("explicitDeny", .bool(isExplicitDeny)),
            ("reasons", .array(reasons.map(\.json))),
            ("unmetConditions", .array(unmetConditions.map(\.json))),
        ])
    }
}

extension AccessReason {
    /// `source.policy.AssumeS3Access statement 0 (Sid AllowAssume) at source.yaml:12`.
    public var text: String {
        var out = policyName
        if let via { out += " (\(via))" }
        out += " " + statementLabel
        if let location { out += " at \(location.file):\(location.line)" }
        return out
    }

    public var json: JSONValue {
        .object([
            ("policy", .string(policyName)),
            ("via", via.map(JSONValue.string) ?? .null),
            ("role", .string(role.rawValue)),
            ("effect", .string(effect.rawValue)),
            ("statement", .number(String(statementIndex))),
            ("sid", sid.map(JSONValue.string) ?? .null),
            ("location", location.map { .string("\($0.file):\($0.line)") } ?? .null),
        ])
    }
}
