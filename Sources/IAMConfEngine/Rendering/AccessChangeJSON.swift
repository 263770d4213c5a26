import IAMConfCore
import IAMConfPolicy

/// Access changes as JSON: the `access_changes` array of `plan --json` (docs/json-output.md) and
/// of the plan file, which reads them back so `show PLANFILE` prints what `plan` printed.
///
/// ```
/// {"kind": "permissions", "principal", "principal_type", "arn", "status": "created" | "deleted" | "changed",
///  "gains": [GROUP], "losses": [GROUP], "notes": [string]}
/// {"kind": "trust", "role", "arn", "gains": [ASSUMER], "losses": [ASSUMER]}
/// {"kind": "bucket_policy", "bucket", "arn",
///  "principals": [{"principal", "principal_type", "arn", "gains", "losses", "now_denied", "no_longer_denied"}]}
/// GROUP = {"scope": "all_actions" | "service" | "access_level", "service", "access_level", "actions",
///          "action_count", "total_count", "excluded_services", "resources", "conditions", "unless",
///          "except_resources", "compared_with": {"kind", "conditions", "unless"} | null, "text"}
/// ASSUMER = {"principal", "principal_type", "arn", "action", "conditions", "unless", "compared_with": {"kind", "conditions", "unless"} | null, "text"}
/// CONDITION = {"operator", "key", "values"}
/// ```
public enum AccessChangeJSON {
    public static func encode(_ changes: [AccessChange]) -> JSONValue {
        .array(changes.map(encode))
    }

    static func encode(_ change: AccessChange) -> JSONValue {
        switch change {
        case let .permissions(change):
            return .object([("kind", .string("permissions"))] + change.principal.jsonMembers + [
                ("status", .string(change.status.rawValue)),
                ("gains", .array(change.gains.map(\.json))), ("losses", .array(change.losses.map(\.json))),
                ("notes", .array(change.notes.map(JSONValue.string))),
            ])
        case let .trust(change):
            return .object([
                ("kind", .string("trust")), ("role", .string(change.role.name)), ("arn", change.role.arn.map(JSONValue.string) ?? .null),
                ("gains", .array(change.gains.map(\.json))), ("losses", .array(change.losses.map(\.json))),
            ])
        case let .bucketPolicy(change):
            return .object([
                ("kind", .string("bucket_policy")), ("bucket", .string(change.bucket)), ("arn", .string(change.arn)),
                ("principals", .array(change.principals.map { entry in
                    .object(entry.principal.jsonMembers + [
                        ("gains", .array(entry.gains.map(\.json))), ("losses", .array(entry.losses.map(\.json))),
                        ("now_denied", .array(entry.nowDenied.map(\.json))), ("no_longer_denied", .array(entry.noLongerDenied.map(\.json))),
                    ])
                })),
            ])
        }
    }
}

/// Reading access changes back from a plan file.
extension PlanFileReader {
    func accessChanges(_ root: JSONValue) throws(PlanFileError) -> [AccessChange]? {
        guard root["access_changes"] != nil else { return nil }
        var out: [AccessChange] = []
        for (index, value) in try array(root, "access_changes", at: "").enumerated() {
            let path = "access_changes[\(index)]"
            switch try string(value, "kind", at: path) {
            case "permissions":
                let text = try string(value, "status", at: path)
                guard let status = PermissionsChange.Status(rawValue: text) else { throw .malformed("\(path).status", "is \"\(text)\"") }
                out.append(.permissions(PermissionsChange(
                    principal: try principal(value, at: path), status: status, gains: try groups(value, "gains", at: path),
                    losses: try groups(value, "losses", at: path), notes: try strings(value, "notes", at: path))))
            case "trust":
                let role = PrincipalRef(kind: .role, name: try string(value, "role", at: path), arn: try optionalString(value, "arn", at: path))
                out.append(.trust(TrustChange(role: role, gains: try assumers(value, "gains", at: path), losses: try assumers(value, "losses", at: path))))
            case "bucket_policy":
                var entries: [BucketPolicyChange.Entry] = []
                for (i, entry) in try array(value, "principals", at: path).enumerated() {
                    let at = "\(path).principals[\(i)]"
                    entries.append(BucketPolicyChange.Entry(
                        principal: try principal(entry, at: at), gains: try groups(entry, "gains", at: at), losses: try groups(entry, "losses", at: at),
                        nowDenied: try groups(entry, "now_denied", at: at), noLongerDenied: try groups(entry, "no_longer_denied", at: at)))
                }
                out.append(.bucketPolicy(BucketPolicyChange(bucket: try string(value, "bucket", at: path), arn: try string(value, "arn", at: path), principals: entries)))
            case let other:
                throw .malformed("\(path).kind", "is \"\(other)\", not permissions, trust or bucket_policy")
            }
        }
        return out
    }

    private func principal(_ value: JSONValue, at path: String) throws(PlanFileError) -> PrincipalRef {
        let text = try string(value, "principal_type", at: path)
        guard let kind = PrincipalRef.Kind(rawValue: text) else { throw .malformed("\(path).principal_type", "is \"\(text)\"") }
        return PrincipalRef(kind: kind, name: try string(value, "principal", at: path), arn: try optionalString(value, "arn", at: path))
    }

    private func groups(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [GrantGroup] {
        var out: [GrantGroup] = []
        for (index, item) in try array(value, key, at: path).enumerated() {
            let at = "\(path).\(key)[\(index)]"
            let scopeText = try string(item, "scope", at: at)
            guard let scope = GrantGroup.Scope(rawValue: scopeText) else { throw .malformed("\(at).scope", "is \"\(scopeText)\"") }
            let level = try optionalString(item, "access_level", at: at)
            out.append(GrantGroup(
                scope: scope, service: try optionalString(item, "service", at: at), accessLevel: level.flatMap(AccessLevel.init(rawValue:)),
                actions: try strings(item, "actions", at: at), actionCount: try int(item, "action_count", at: at),
                totalCount: try int(item, "total_count", at: at), excludedServices: try strings(item, "excluded_services", at: at),
                resources: try strings(item, "resources", at: at), conditions: try conditions(try field(item, "conditions", at: at), at: "\(at).conditions"),
                unless: try unless(item, at: at), exceptions: try strings(item, "except_resources", at: at),
                comparison: try comparison(item, at: at)))
        }
        return out
    }

    private func comparison(_ value: JSONValue, at path: String) throws(PlanFileError) -> GrantComparison? {
        let found = try field(value, "compared_with", at: path)
        guard found != .null else { return nil }
        let at = "\(path).compared_with"
        let text = try string(found, "kind", at: at)
        guard let kind = GrantComparison.Kind(rawValue: text) else { throw .malformed("\(at).kind", "is \"\(text)\"") }
        return GrantComparison(
            kind: kind, conditions: try conditions(try field(found, "conditions", at: at), at: "\(at).conditions"), unless: try unless(found, at: at))
    }

    private func assumers(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [Assumer] {
        var out: [Assumer] = []
        for (index, item) in try array(value, key, at: path).enumerated() {
            let at = "\(path).\(key)[\(index)]"
            out.append(Assumer(
                principal: try principal(item, at: at), action: try string(item, "action", at: at),
                conditions: try conditions(try field(item, "conditions", at: at), at: "\(at).conditions"), unless: try unless(item, at: at),
                // Plan files written before trust comparisons have no `compared_with` here.
                comparison: item["compared_with"] == nil ? nil : try comparison(item, at: at)))
        }
        return out
    }

    private func unless(_ value: JSONValue, at path: String) throws(PlanFileError) -> [[ConditionClause]] {
        var out: [[ConditionClause]] = []
        for (index, item) in try array(value, "unless", at: path).enumerated() {
            out.append(try conditions(item, at: "\(path).unless[\(index)]"))
        }
        return out
    }

    private func conditions(_ value: JSONValue, at path: String) throws(PlanFileError) -> [ConditionClause] {
        guard case let .array(items) = value else { throw .malformed(path, "is not a list") }
        var out: [ConditionClause] = []
        for (index, item) in items.enumerated() {
            let at = "\(path)[\(index)]"
            let name = try string(item, "operator", at: at)
            guard let condition = ConditionOperator(name) else { throw .malformed("\(at).operator", "is \"\(name)\", not a condition operator") }
            out.append(ConditionClause(condition: condition, key: try string(item, "key", at: at), values: try strings(item, "values", at: at)))
        }
        return out
    }
}
