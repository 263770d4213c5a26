import IAMConfCore
import IAMConfState

extension PlanRenderer {
    /// The plan as JSON for programs (`iamconf plan --json`, `iamconf show --json PLANFILE`), in
    /// Terraform's JSON plan format (https://developer.hashicorp.com/terraform/internals/json-format),
    /// so policies written for Terraform plans (OPA, conftest) read iamconf's:
    ///
    /// ```
    /// {
    ///   "format_version": "1.2",
    ///   "applyable": bool, "complete": true, "errored": false,
    ///   "resource_drift": [...],                 // plan --refresh only
    ///   "resource_changes": [
    ///     { "address": "target.role.S3Access", "previous_address": "...",   // a declared rename only
    ///       "mode": "managed", "type": "aws_iam_role",
    ///       "name": "S3Access", "provider_name": "iamconf",
    ///       "change": { "actions": ["create"] | ["update"] | ["delete", "create"] | ["delete"],
    ///                   "before": {values} | null, "after": {values} | null,
    ///                   "after_unknown": {"arn": true, ...}, "before_sensitive": {}, "after_sensitive": {...},
    ///                   "replace_paths": [["path"]] },
    ///       "action_reason": "replace_because_cannot_update",      // replacements only
    ///       "iamconf": { "type": "role", "account_id": "...", "changed_attributes": [...], "replace_reasons": [...],
    ///                    "moved_along": [...] } } ],                      // moved_along: a rename only
    ///   "access_changes": [...],                 // what each affected principal gains and loses (AccessChangeJSON)
    ///   "prior_state": { "format_version": "1.0", "values": { "root_module": { "resources": [...] } } },
    ///   "iamconf": { "format_version": "2", "prior_state": {"lineage", "serial"}, "backend": {...},
    ///                "destroy": bool, "summary": {"add", "change", "destroy"} }
    /// }
    /// ```
    ///
    /// `type` is the Terraform AWS provider's resource type for the same object; values follow that
    /// provider's names where iamconf's differ (a policy document is `policy`, and documents are
    /// JSON text, as Terraform gives them). `prior_state` holds the resources the plan changes.
    /// Secrets never appear: they are not part of the plan's meaning and must not reach CI logs.
    /// New keys may be added; consumers should ignore keys they do not know.
    public static func json(_ plan: Plan) -> String {
        document(plan, drift: nil).prettyText() + "\n"
    }

    static func document(_ plan: Plan, drift: JSONValue?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("format_version", .string("1.2")),
            ("applyable", .bool(plan.hasChanges)),
            ("complete", .bool(true)),
            ("errored", .bool(false)),
        ]
        if let drift { members.append(("resource_drift", drift)) }
        members.append(("resource_changes", .array(plan.changes.map(changeJSON))))
        if let access = plan.accessChanges { members.append(("access_changes", AccessChangeJSON.encode(access))) }
        if let skipped = plan.accessChangesSkipped { members.append(("access_changes_skipped", .string(skipped))) }
        let prior = plan.changes.compactMap(\.before).map(stateResourceJSON)
        members.append((
            "prior_state",
            .object([("format_version", .string("1.0")), ("values", .object([("root_module", .object([("resources", .array(prior))]))]))])))
        let summary = plan.summary
        members.append((
            "iamconf",
            .object([
                ("format_version", .string("2")),
                ("prior_state", fingerprintJSON(plan.prior)),
                ("backend", backendJSON(plan.backend)),
                ("destroy", .bool(plan.isDestroy)),
                ("summary", .object([("add", number(summary.add)), ("change", number(summary.change)), ("destroy", number(summary.destroy))])),
            ])))
        return .object(members)
    }

    static func changeJSON(_ change: ResourceChange) -> JSONValue {
        let type = change.type
        let typeName = type?.rawValue ?? change.before?.type.rawValue ?? ""
        let account = change.after?.accountID ?? change.before?.accountID ?? ""
        var after: JSONValue = .null
        var unknown: [(key: String, value: JSONValue)] = []
        var sensitive: [(key: String, value: JSONValue)] = []
        if let resource = change.after {
            var values = terraformValues(resource.attributes, type)
            // Identifiers survive an update; a create or replacement learns them from the backend.
            if change.action == .update, let before = change.before {
                for (key, value) in before.outputs where values[key] == nil { values[key] = .string(value) }
            } else {
                for key in (type?.outputs ?? []).sorted() { unknown.append((key, .bool(true))) }
            }
            for key in secretKeys(type) {
                unknown.append((key, .bool(true)))
                sensitive.append((key, .bool(true)))
            }
            after = sortedObject(values)
        }
        var members: [(key: String, value: JSONValue)] = [("address", .string(change.address.description))]
        // Terraform's field for a moved resource; what moves along with it is iamconf's extra.
        if let previous = change.previousAddress { members.append(("previous_address", .string(previous.description))) }
        members += [
            ("mode", .string("managed")),
            ("type", .string(type.map(terraformType) ?? typeName)),
            ("name", .string(change.address.key ?? change.address.name ?? change.address.kind.rawValue)),
            ("provider_name", .string("iamconf")),
            ("change", .object([
                ("actions", .array(actions(change.action).map(JSONValue.string))),
                ("before", change.before.map { sortedObject(beforeValues($0)) } ?? .null),
                ("after", after),
                ("after_unknown", .object(unknown.sorted { $0.key < $1.key })),
                ("before_sensitive", .object([])),
                ("after_sensitive", .object(sensitive.sorted { $0.key < $1.key })),
                ("replace_paths", .array(change.action == .replace
                    ? change.replaceReasons.filter { change.changedAttributes.contains($0) }.map { .array([.string(terraformName($0, type))]) }
                    : [])),
            ])),
        ]
        if change.action == .replace { members.append(("action_reason", .string("replace_because_cannot_update"))) }
        if change.deleteReason != nil { members.append(("action_reason", .string("delete_because_no_resource_config"))) }
        members.append((
            "iamconf",
            .object([
                ("type", .string(typeName)),
                ("account_id", .string(account)),
                ("changed_attributes", .array(change.changedAttributes.map(JSONValue.string))),
                ("replace_reasons", .array(change.replaceReasons.map(JSONValue.string))),
            ] + (change.deleteReason.map { [("delete_reason", JSONValue.string($0))] } ?? [])
              + (change.previousAddress == nil ? [] : [("moved_along", .array(change.movedAlong.map { .string($0.description) }))]))))
        return .object(members)
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

    /// A prior resource as Terraform's state representation shows it.
    static func stateResourceJSON(_ state: ResourceState) -> JSONValue {
        let type: ResourceType? = state.type.isKnown ? state.type : nil
        return .object([
            ("address", .string(state.address.description)),
            ("mode", .string("managed")),
            ("type", .string(type.map(terraformType) ?? state.type.rawValue)),
            ("name", .string(state.address.key ?? state.address.name ?? state.address.kind.rawValue)),
            ("provider_name", .string("iamconf")),
            ("values", sortedObject(beforeValues(state))),
            ("sensitive_values", .object([])),
        ])
    }

    /// Attributes and outputs in one object, in Terraform's names; secrets are left out on purpose.
    static func beforeValues(_ state: ResourceState) -> [String: JSONValue] {
        var merged = terraformValues(state.attributes, state.type.isKnown ? state.type : nil)
        for (key, value) in state.outputs where merged[key] == nil { merged[key] = .string(value) }
        return merged
    }

    /// iamconf's attributes under the AWS provider's names, documents as JSON text.
    static func terraformValues(_ attributes: [String: JSONValue], _ type: ResourceType?) -> [String: JSONValue] {
        let documents = type?.documentAttributes ?? []
        var values: [String: JSONValue] = [:]
        for (key, value) in attributes {
            let isDocument = documents.contains(key) && value != .null
            values[terraformName(key, type)] = isDocument ? .string(value.compactText()) : value
        }
        return values
    }

    /// The AWS provider calls a policy document `policy` (aws_iam_policy, aws_iam_role_policy, …).
    static func terraformName(_ key: String, _ type: ResourceType?) -> String {
        key == "document" ? "policy" : key
    }

    static func secretKeys(_ type: ResourceType?) -> [String] { type?.kind.secrets ?? [] }

    static func terraformType(_ type: ResourceType) -> String { type.kind.terraformType }

    static func fingerprintJSON(_ fingerprint: StateFingerprint) -> JSONValue {
        .object([
            ("lineage", fingerprint.lineage.map(JSONValue.string) ?? .null),
            ("serial", fingerprint.serial.map(number) ?? .null),
        ])
    }

    static func backendJSON(_ backend: BackendDescriptor) -> JSONValue {
        .object([("kind", .string(backend.kind.rawValue)), ("endpoint", backend.endpoint.map(JSONValue.string) ?? .null)])
    }

    static func sortedObject(_ values: [String: JSONValue]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    static func sortedObject(_ values: [String: String]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) })
    }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
}
