import IAMConfCore

/// One action on one resource, decided.
public struct SimulationResult: Sendable, Hashable {
    public var action: String
    public var resource: String
    public var decision: Decision
}

/// Runs a `SimulationRequest` through the engine and renders AWS's response shape.
public enum Simulation {
    /// Decides every action on every resource, in request order (actions outer, resources inner).
    public static func evaluate(_ request: SimulationRequest) -> [SimulationResult] {
        let principal = request.caller ?? Principal(kind: .user, arn: "")
        var results: [SimulationResult] = []
        for action in request.actionNames {
            for resource in request.resourceARNs {
                let access = AccessRequest(
                    principal: principal, action: action, resource: resource,
                    resourceAccount: owner(of: resource, request: request, principal: principal),
                    context: request.context,
                    identityPolicies: request.identityPolicies.map(\.compiled),
                    permissionsBoundaries: request.permissionsBoundaries.map(\.compiled),
                    sessionPolicies: request.sessionPolicies.map(\.compiled),
                    serviceControlPolicies: request.serviceControlPolicies.isEmpty ? [] : [request.serviceControlPolicies.map(\.compiled)],
                    resourcePolicy: request.resourcePolicy?.compiled)
                results.append(SimulationResult(action: action, resource: resource, decision: PolicyEvaluator.evaluate(access)))
            }
        }
        return results
    }

    /// The account in the resource ARN, else `ResourceOwner`, else the caller's account (AWS's rule).
    static func owner(of resource: String, request: SimulationRequest, principal: Principal) -> String? {
        if let arn = ARN(resource), !arn.account.isEmpty { return arn.account }
        return request.resourceOwner ?? principal.account
    }

    /// `{"EvaluationResults": [...]}` as `simulate-custom-policy` prints it.
    public static func response(_ request: SimulationRequest, _ results: [SimulationResult]) -> JSONValue {
        var policies: [String: SimulationPolicy] = [:]
        for policy in request.identityPolicies + request.permissionsBoundaries + request.sessionPolicies
            + request.serviceControlPolicies + (request.resourcePolicy.map { [$0] } ?? []) {
            policies[policy.id] = policy
        }
        return .object([("EvaluationResults", .array(results.map { render($0, policies: policies) }))])
    }

    static func render(_ result: SimulationResult, policies: [String: SimulationPolicy]) -> JSONValue {
        let decision = result.decision
        var members: [(key: String, value: JSONValue)] = [
            ("EvalActionName", .string(result.action)),
            ("EvalResourceName", .string(result.resource)),
            ("EvalDecision", .string(decision.outcome.rawValue)),
            ("MatchedStatements", .array(decision.matchedStatements.map { render($0, policies: policies) })),
            ("MissingContextValues", .array(decision.missingContextKeys.map(JSONValue.string))),
        ]
        if let allowed = decision.allowedByOrganizations {
            members.append(("OrganizationsDecisionDetail", .object([("AllowedByOrganizations", .bool(allowed))])))
        }
        if let allowed = decision.allowedByPermissionsBoundary {
            members.append(("PermissionsBoundaryDecisionDetail", .object([("AllowedByPermissionsBoundary", .bool(allowed))])))
        }
        return .object(members)
    }

    static func render(_ statement: MatchedStatement, policies: [String: SimulationPolicy]) -> JSONValue {
        let policy = policies[statement.policyID]
        var members: [(key: String, value: JSONValue)] = [
            ("SourcePolicyId", .string(statement.policyID)),
            ("SourcePolicyType", .string(policy?.sourceType ?? "none")),
        ]
        if let spans = policy?.spans, statement.statementIndex < spans.count {
            let span = spans[statement.statementIndex]
            members.append(("StartPosition", position(span.start)))
            members.append(("EndPosition", position(span.end)))
        }
        return .object(members)
    }

    static func position(_ p: StatementSpan.Position) -> JSONValue {
        .object([("Line", .number(String(p.line))), ("Column", .number(String(p.column)))])
    }
}
