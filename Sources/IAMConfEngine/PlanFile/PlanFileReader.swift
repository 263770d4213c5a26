import IAMConfCore
import IAMConfState

/// Reads a parsed plan-file envelope into a `Plan`, naming the exact place of any problem
/// (`changes[3].after.type`) so a damaged file is reported, never trusted or crashed on.
struct PlanFileReader {
    func plan(_ root: JSONValue) throws(PlanFileError) -> Plan {
        let prior = try field(root, "prior_state", at: "")
        let backend = try field(root, "backend", at: "")
        let changeValues = try array(root, "changes", at: "")
        var changes: [ResourceChange] = []
        var seen = Set<Address>()
        for (index, value) in changeValues.enumerated() {
            let change = try self.change(value, at: "changes[\(index)]")
            guard seen.insert(change.address).inserted else {
                throw .malformed("changes[\(index)].address", "repeats \(change.address)")
            }
            changes.append(change)
        }
        let unchanged = try int(root, "unchanged_count", at: "")
        guard unchanged >= 0 else { throw .malformed("unchanged_count", "is negative") }
        return Plan(
            changes: changes, unchangedCount: unchanged,
            prior: StateFingerprint(lineage: try optionalString(prior, "lineage", at: "prior_state"), serial: try optionalInt(prior, "serial", at: "prior_state")),
            backend: BackendDescriptor(kind: try backendKind(backend), endpoint: try optionalString(backend, "endpoint", at: "backend")),
            isDestroy: try bool(root, "destroy", at: ""))
    }

    func backendKind(_ backend: JSONValue) throws(PlanFileError) -> BackendDescriptor.Kind {
        let text = try string(backend, "kind", at: "backend")
        guard let kind = BackendDescriptor.Kind(rawValue: text) else { throw .malformed("backend.kind", "is \"\(text)\", an unknown backend") }
        return kind
    }

    func change(_ value: JSONValue, at path: String) throws(PlanFileError) -> ResourceChange {
        let address = try self.address(value, "address", at: path)
        let actionText = try string(value, "action", at: path)
        guard let action = ChangeAction(rawValue: actionText) else {
            throw .malformed(join(path, "action"), "is \"\(actionText)\", not create, update, replace or delete")
        }
        let beforeValue = try field(value, "before", at: path)
        let afterValue = try field(value, "after", at: path)
        let before = beforeValue == .null ? nil : try resourceState(beforeValue, at: join(path, "before"))
        let after = afterValue == .null ? nil : try resource(afterValue, at: join(path, "after"))
        let previous = value["previous_address"] == nil ? nil : try self.address(value, "previous_address", at: path)
        // The applier relies on these pairings; a file that breaks them is refused here.
        guard before.map({ $0.address == (previous ?? address) }) ?? true else {
            throw .malformed(join(path, "before.address"), previous == nil ? "differs from the change's address" : "differs from previous_address")
        }
        if let previous {
            guard action == .update, previous.account == address.account, previous.kind == address.kind, previous.sub == nil, address.sub == nil else {
                throw .malformed(join(path, "previous_address"), "is only for an object renamed in place (an update in the same account and kind)")
            }
        }
        guard after.map({ $0.address == address }) ?? true else { throw .malformed(join(path, "after.address"), "differs from the change's address") }
        let needsBefore = action != .create
        let needsAfter = action != .delete
        guard (before != nil) == needsBefore else { throw .malformed(join(path, "before"), needsBefore ? "is missing for a \(action.rawValue)" : "must be null for a create") }
        guard (after != nil) == needsAfter else { throw .malformed(join(path, "after"), needsAfter ? "is missing for a \(action.rawValue)" : "must be null for a delete") }
        var change = ResourceChange(
            address: address, action: action, before: before, after: after,
            changedAttributes: try strings(value, "changed_attributes", at: path),
            replaceReason: ReplaceReason(texts: try strings(value, "replace_reasons", at: path)))
        if action == .delete, case let .string(reason)? = value.objectValue?.first(where: { $0.key == "delete_reason" })?.value {
            change.deleteReason = reason
        }
        if let previous {
            change.previousAddress = previous
            change.movedAlong = try addresses(value, "moved_along", at: path)
            let rename = Rename(from: previous, to: address)
            for (index, old) in change.movedAlong.enumerated() where rename.movedAddress(of: old) == nil {
                throw .malformed("\(join(path, "moved_along"))[\(index)]", "is \(old), which does not hang off \(previous)")
            }
        }
        return change
    }

    func resourceState(_ value: JSONValue, at path: String) throws(PlanFileError) -> ResourceState {
        let outputValues = try object(value, "outputs", at: path)
        var outputs: [String: String] = [:]
        for member in outputValues {
            guard case let .string(text) = member.value else { throw .malformed(join(path, "outputs.\(member.key)"), "is not a string") }
            outputs[member.key] = text
        }
        return ResourceState(
            address: try address(value, "address", at: path), type: ResourceType(rawValue: try string(value, "type", at: path)),
            accountID: try string(value, "account_id", at: path), attributes: try attributes(value, at: path),
            outputs: outputs, secrets: [:], dependencies: try addresses(value, "dependencies", at: path))
    }

    func resource(_ value: JSONValue, at path: String) throws(PlanFileError) -> Resource {
        let typeText = try string(value, "type", at: path)
        guard let type = ResourceType(known: typeText) else { throw .malformed(join(path, "type"), "is \"\(typeText)\", an unknown resource type") }
        var resource = Resource(
            address: try address(value, "address", at: path), type: type, accountID: try string(value, "account_id", at: path),
            attributes: try attributes(value, at: path), dependencies: try addresses(value, "dependencies", at: path))
        if value["deferred_dependencies"] != nil {
            resource.deferredDependencies = try addresses(value, "deferred_dependencies", at: path)
        }
        if value["renamed_from"] != nil { resource.renamedFrom = try address(value, "renamed_from", at: path) }
        return resource
    }

    // MARK: Fields

    func attributes(_ value: JSONValue, at path: String) throws(PlanFileError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for member in try object(value, "attributes", at: path) { result[member.key] = member.value }
        return result
    }

    func field(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> JSONValue {
        guard case .object = value else { throw .malformed(path.isEmpty ? "the top level" : path, "is not an object") }
        guard let found = value[key] else { throw .malformed(join(path, key), "is missing") }
        return found
    }

    func string(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> String {
        guard case let .string(text) = try field(value, key, at: path) else { throw .malformed(join(path, key), "is not a string") }
        return text
    }

    func optionalString(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> String? {
        let found = try field(value, key, at: path)
        if found == .null { return nil }
        guard case let .string(text) = found else { throw .malformed(join(path, key), "is not a string or null") }
        return text
    }

    func int(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> Int {
        guard case let .number(text) = try field(value, key, at: path), let number = Int(text) else {
            throw .malformed(join(path, key), "is not a whole number")
        }
        return number
    }

    func optionalInt(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> Int? {
        if try field(value, key, at: path) == .null { return nil }
        return try int(value, key, at: path)
    }

    func bool(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> Bool {
        guard case let .bool(flag) = try field(value, key, at: path) else { throw .malformed(join(path, key), "is not true or false") }
        return flag
    }

    func array(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [JSONValue] {
        guard case let .array(items) = try field(value, key, at: path) else { throw .malformed(join(path, key), "is not a list") }
        return items
    }

    func object(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [(key: String, value: JSONValue)] {
        guard case let .object(members) = try field(value, key, at: path) else { throw .malformed(join(path, key), "is not an object") }
        return members
    }

    func strings(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [String] {
        var result: [String] = []
        for (index, item) in try array(value, key, at: path).enumerated() {
            guard case let .string(text) = item else { throw .malformed("\(join(path, key))[\(index)]", "is not a string") }
            result.append(text)
        }
        return result
    }

    func address(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> Address {
        let text = try string(value, key, at: path)
        guard let address = Address(parsing: text) else { throw .malformed(join(path, key), "is \"\(text)\", not a resource address") }
        return address
    }

    func addresses(_ value: JSONValue, _ key: String, at path: String) throws(PlanFileError) -> [Address] {
        var result: [Address] = []
        for (index, text) in try strings(value, key, at: path).enumerated() {
            guard let address = Address(parsing: text) else { throw .malformed("\(join(path, key))[\(index)]", "is \"\(text)\", not a resource address") }
            result.append(address)
        }
        return result
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
