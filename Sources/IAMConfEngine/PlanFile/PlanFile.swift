import IAMConfCore
import IAMConfState

/// The saved plan of `iamconf plan --out FILE`, applied later with `iamconf apply FILE`.
///
/// A versioned JSON envelope (`"iamconf_plan": 1`) that round-trips a `Plan` exactly, except for
/// two things left out on purpose: resources' source locations (messages only) and every secret.
/// A plan file is often kept as a CI artifact, so it must never hold a password or a secret
/// access key; apply does not need them, and `restoringSecrets(_:from:)` puts the state's back
/// before the applier records the result.
///
/// ```
/// {
///   "iamconf_plan": 1,
///   "prior_state": { "lineage": string | null, "serial": number | null },
///   "backend": { "kind": string, "endpoint": string | null },
///   "destroy": bool,
///   "unchanged_count": number,
///   "changes": [
///     { "address": string, "action": "create" | "update" | "replace" | "delete",
///       "changed_attributes": [string], "replace_reasons": [string],
///       "previous_address": string, "moved_along": [string],   // a declared rename only
///       "before": { "address", "type", "account_id", "attributes", "outputs", "dependencies" } | null,
///       "after": { "address", "type", "account_id", "attributes", "dependencies", "renamed_from"? } | null }
///   ],
///   "access_changes": [ ... ]   // what the plan does to access, as `plan --json` shows it (AccessChangeJSON)
/// }
/// ```
public enum PlanFile {
    /// The format version this iamconf writes and the newest it reads.
    public static let version = 1

    /// The plan as plan-file text (indented JSON, keys in a fixed order, a final newline).
    public static func encode(_ plan: Plan) -> String {
        let envelope = JSONValue.object([
            ("iamconf_plan", .number(String(version))),
            ("prior_state", PlanRenderer.fingerprintJSON(plan.prior)),
            ("backend", PlanRenderer.backendJSON(plan.backend)),
            ("destroy", .bool(plan.isDestroy)),
            ("unchanged_count", .number(String(plan.unchangedCount))),
            ("changes", .array(plan.changes.map(changeJSON))),
        ] + (plan.accessChanges.map { [("access_changes", AccessChangeJSON.encode($0))] } ?? [])
            + (plan.accessChangesSkipped.map { [("access_changes_skipped", JSONValue.string($0))] } ?? []))
        return envelope.prettyText() + "\n"
    }

    /// Reads plan-file text back into the plan it was made from (without locations or secrets).
    public static func decode(_ text: String) throws(PlanFileError) -> Plan {
        let root = try parse(text)
        guard case let .object(members) = root, members.contains(where: { $0.key == "iamconf_plan" }) else {
            throw PlanFileError(
                .notAPlanFile, "This file is JSON but not an iamconf plan file (it has no \"iamconf_plan\" version).",
                hint: "Pass the file written by `iamconf plan --out FILE`, not a state or configuration file.")
        }
        let reader = PlanFileReader()
        let fileVersion = try reader.int(root, "iamconf_plan", at: "")
        guard fileVersion <= version, fileVersion >= 1 else {
            throw PlanFileError(
                .unsupportedVersion,
                "This plan file has format version \(fileVersion); this iamconf reads version \(version) and older.",
                hint: fileVersion > version
                    ? "Apply it with the iamconf version that made it, or upgrade iamconf." : PlanFileError.replanHint)
        }
        var plan = try reader.plan(root)
        plan.accessChanges = try reader.accessChanges(root)
        if case let .string(reason)? = root["access_changes_skipped"] { plan.accessChangesSkipped = reason }
        return plan
    }

    /// Refuses a saved plan that no longer fits: made against another state (lineage or serial)
    /// or another backend. Applying it would act on a world that has since changed.
    ///
    /// Terraform refuses a stale saved plan the same way ("Saved plan is stale").
    public static func checkApplicable(_ plan: Plan, state: State?, backend: BackendDescriptor) throws(PlanFileError) {
        guard plan.backend == backend else {
            throw PlanFileError(
                .wrongBackend, "This plan was made for the \(plan.backend) backend, but the \(backend) backend is in use now.",
                hint: "Apply it against the backend it was made for, or run `iamconf plan --out FILE` again.")
        }
        let current = StateFingerprint(state)
        guard current == plan.prior else {
            throw PlanFileError(
                .stale,
                "The saved plan is stale: it was made against \(describe(plan.prior)), but the state is now \(describe(current)).",
                hint: "Another apply changed the state after this plan was made. " + PlanFileError.replanHint)
        }
    }

    private static func describe(_ fingerprint: StateFingerprint) -> String {
        guard let lineage = fingerprint.lineage else { return "no state" }
        return "lineage \(lineage) serial \(fingerprint.serial.map(String.init) ?? "?")"
    }

    /// The plan with each `before` given back the secrets the current state holds for it.
    ///
    /// The applier starts an update's new state from `before`; without this an update applied from
    /// a plan file (a login profile's reset flag, say) would drop the secret from the state.
    public static func restoringSecrets(_ plan: Plan, from state: State?) -> Plan {
        var plan = plan
        // A resource moving with a rename is planned at its new address; the state holds it at the old.
        var movedFrom: [Address: Address] = [:]
        for change in plan.changes {
            guard let rename = change.rename else { continue }
            for old in change.movedAlong { if let new = rename.movedAddress(of: old) { movedFrom[new] = old } }
        }
        for index in plan.changes.indices {
            guard let address = plan.changes[index].before?.address,
                  let secrets = state?.resources[movedFrom[address] ?? address]?.secrets
            else { continue }
            plan.changes[index].before?.secrets = secrets
        }
        return plan
    }

    private static func parse(_ text: String) throws(PlanFileError) -> JSONValue {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw PlanFileError(.empty, "The plan file is empty.", hint: PlanFileError.replanHint)
        }
        // Editors on some systems add a byte-order mark when a file is saved; it is not content.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        do {
            return try JSONParser.parse(text)
        } catch {
            if isAtEnd(error, of: text) {
                throw PlanFileError(
                    .truncated, "The plan file ends early (\(error.description)); it was cut off.",
                    hint: PlanFileError.replanHint)
            }
            throw PlanFileError(
                .notJSON, "The plan file is not valid JSON (\(error.description)).",
                hint: "Pass the file written by `iamconf plan --out FILE`. " + PlanFileError.replanHint)
        }
    }

    /// A parse failure at the very end of the text means the JSON was cut off, not mistyped; so
    /// does one at a literal the text ends in the middle of (`tru`).
    private static func isAtEnd(_ failure: JSONParser.Failure, of text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard failure.line == lines.count, let last = lines.last, failure.column >= 1 else { return false }
        let rest = String(String.UnicodeScalarView(last.unicodeScalars.dropFirst(failure.column - 1)))
        return rest.isEmpty || ["true", "false", "null"].contains { $0.hasPrefix(rest) }
    }

    static func changeJSON(_ change: ResourceChange) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("address", .string(change.address.description)),
            ("action", .string(change.action.rawValue)),
            ("changed_attributes", .array(change.changedAttributes.map(JSONValue.string))),
            ("replace_reasons", .array(change.replaceReasons.map(JSONValue.string))),
        ]
        // Written only for an undeclared object's removal; older readers ignore it.
        if let reason = change.deleteReason { members.append(("delete_reason", .string(reason))) }
        // Written only for a rename, so plans without one read as before (and older readers,
        // which would ignore them, never see a plan that needs them: version 1 had no renames).
        if let previous = change.previousAddress {
            members.append(("previous_address", .string(previous.description)))
            members.append(("moved_along", .array(change.movedAlong.map { .string($0.description) })))
        }
        members.append(("before", change.before.map(beforeJSON) ?? .null))
        members.append(("after", change.after.map(afterJSON) ?? .null))
        return .object(members)
    }

    /// The prior resource without its secrets (see the type's documentation).
    static func beforeJSON(_ state: ResourceState) -> JSONValue {
        .object([
            ("address", .string(state.address.description)),
            ("type", .string(state.type.rawValue)),
            ("account_id", .string(state.accountID)),
            ("attributes", PlanRenderer.sortedObject(state.attributes)),
            ("outputs", PlanRenderer.sortedObject(state.outputs)),
            ("dependencies", .array(state.dependencies.map { .string($0.description) })),
        ])
    }

    static func afterJSON(_ resource: Resource) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("address", .string(resource.address.description)),
            ("type", .string(resource.type.rawValue)),
            ("account_id", .string(resource.accountID)),
            ("attributes", PlanRenderer.sortedObject(resource.attributes)),
            ("dependencies", .array(resource.dependencies.map { .string($0.description) })),
        ]
        // Written only when there are some, so plans without trust cycles read as before.
        if !resource.deferredDependencies.isEmpty {
            members.append(("deferred_dependencies", .array(resource.deferredDependencies.map { .string($0.description) })))
        }
        if let old = resource.renamedFrom { members.append(("renamed_from", .string(old.description))) }
        return .object(members)
    }
}
