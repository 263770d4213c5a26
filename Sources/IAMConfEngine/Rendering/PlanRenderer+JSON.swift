import IAMConfCore
import IAMConfState

extension PlanRenderer {
    /// The plan as JSON for programs (`iamconf plan --json`), format version `"1"`.
    ///
    /// Keys always come in this order, and resource changes in address order:
    ///
    /// ```
    /// {
    ///   "format_version": "1",
    ///   "prior_state": { "lineage": string | null, "serial": number | null },
    ///   "backend": { "kind": "simulator" | "endpoint", "endpoint": string | null },
    ///   "destroy": bool,
    ///   "resource_changes": [
    ///     {
    ///       "address": "target.role.S3Access",
    ///       "type": "role",
    ///       "account_id": "111111111111",
    ///       "actions": ["create"] | ["update"] | ["delete", "create"] | ["delete"],
    ///       "before": { attributes and outputs, keys sorted } | null,
    ///       "after": { attributes, keys sorted } | null,
    ///       "changed_attributes": [string],
    ///       "replace_reasons": [string]
    ///     }
    ///   ],
    ///   "summary": { "add": number, "change": number, "destroy": number }
    /// }
    /// ```
    ///
    /// `before` never contains secrets (`secret_access_key`, `password`): they are not part of the
    /// plan's meaning and must not leak into CI logs. A replacement is `["delete", "create"]`, the
    /// order iamconf carries it out in. New keys may be added within version `"1"`; existing keys
    /// keep their meaning, so consumers should ignore keys they do not know.
    public static func json(_ plan: Plan) -> String {
        let summary = plan.summary
        let document = JSONValue.object([
            ("format_version", .string("1")),
            ("prior_state", fingerprintJSON(plan.prior)),
            ("backend", backendJSON(plan.backend)),
            ("destroy", .bool(plan.isDestroy)),
            ("resource_changes", .array(plan.changes.map(changeJSON))),
            (
                "summary",
                .object([
                    ("add", number(summary.add)), ("change", number(summary.change)), ("destroy", number(summary.destroy)),
                ])
            ),
        ])
        return document.prettyText() + "\n"
    }

    static func changeJSON(_ change: ResourceChange) -> JSONValue {
        let type = change.type?.rawValue ?? change.before?.type ?? ""
        let account = change.after?.accountID ?? change.before?.accountID ?? ""
        return .object([
            ("address", .string(change.address.description)),
            ("type", .string(type)),
            ("account_id", .string(account)),
            ("actions", .array(actions(change.action).map(JSONValue.string))),
            ("before", change.before.map(beforeJSON) ?? .null),
            ("after", change.after.map { sortedObject($0.attributes) } ?? .null),
            ("changed_attributes", .array(change.changedAttributes.map(JSONValue.string))),
            ("replace_reasons", .array(change.replaceReasons.map(JSONValue.string))),
        ])
    }

    /// Terraform's action lists: a replacement is a delete followed by a create.
    static func actions(_ action: ChangeAction) -> [String] {
        switch action {
        case .create: return ["create"]
        case .update: return ["update"]
        case .replace: return ["delete", "create"]
        case .delete: return ["delete"]
        }
    }

    /// Attributes and outputs in one object; secrets are left out on purpose.
    static func beforeJSON(_ state: ResourceState) -> JSONValue {
        var merged = state.attributes
        for (key, value) in state.outputs where merged[key] == nil { merged[key] = .string(value) }
        return sortedObject(merged)
    }

    static func fingerprintJSON(_ fingerprint: StateFingerprint) -> JSONValue {
        .object([
            ("lineage", fingerprint.lineage.map(JSONValue.string) ?? .null),
            ("serial", fingerprint.serial.map(number) ?? .null),
        ])
    }

    static func backendJSON(_ backend: BackendDescriptor) -> JSONValue {
        .object([("kind", .string(backend.kind)), ("endpoint", backend.endpoint.map(JSONValue.string) ?? .null)])
    }

    static func sortedObject(_ values: [String: JSONValue]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    static func sortedObject(_ values: [String: String]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) })
    }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
}
