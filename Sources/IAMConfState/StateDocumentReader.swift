import IAMConfCore

/// Turns a parsed (and upgraded) state document into a `State`, naming the exact member when one
/// is missing or of the wrong type.
///
/// Unknown members are ignored, so a file hand-annotated or written by a patch release with an
/// extra member still loads; missing or mistyped ones are refused.
struct StateDocumentReader {
    let path: String

    func state(from document: JSONValue) throws(StateError) -> State {
        let root = try object(document, at: "")
        let lineage = try string(root, "lineage", at: "")
        guard !lineage.isEmpty else { throw invalid("lineage", "must not be empty") }
        let serial = try integer(root, "serial", at: "")
        _ = try string(root, "iamconf_version", at: "")
        let backendObject = try object(require(root, "backend", at: ""), at: "backend")
        let kindText = try string(backendObject, "kind", at: "backend")
        guard let kind = BackendDescriptor.Kind(rawValue: kindText) else {
            throw invalid("backend.kind", "is \"\(kindText)\"; this iamconf knows \(BackendDescriptor.Kind.allCases.map(\.rawValue).joined(separator: " and "))")
        }
        let backend = BackendDescriptor(
            kind: kind,
            endpoint: try optionalString(backendObject, "endpoint", at: "backend"))
        let items = try array(require(root, "resources", at: ""), at: "resources")
        var resources: [Address: ResourceState] = [:]
        resources.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let resource = try self.resource(item, at: "resources[\(index)]")
            if resources.updateValue(resource, forKey: resource.address) != nil {
                throw invalid("resources[\(index)].address", "repeats \(resource.address), which appears earlier in the file")
            }
        }
        return State(lineage: lineage, serial: serial, backend: backend, resources: resources)
    }

    private func resource(_ value: JSONValue, at place: @autoclosure () -> String) throws(StateError) -> ResourceState {
        let members = try object(value, at: place())
        // Members are checked in the order they are written, so the first problem reported is the first in the file.
        let address = try self.address(require(members, "address", at: place()), at: place() + ".address")
        let type = try string(members, "type", at: place())
        let accountID = try string(members, "account_id", at: place())
        let attributes = try object(require(members, "attributes", at: place()), at: place() + ".attributes")
        var attributeMap: [String: JSONValue] = [:]
        attributeMap.reserveCapacity(attributes.count)
        for member in attributes { attributeMap[member.key] = member.value }
        let outputs = try stringMap(require(members, "outputs", at: place()), at: place() + ".outputs")
        let secrets = try stringMap(require(members, "secrets", at: place()), at: place() + ".secrets")
        let dependencies = try array(require(members, "dependencies", at: place()), at: place() + ".dependencies")
        var dependencyList: [Address] = []
        dependencyList.reserveCapacity(dependencies.count)
        for (index, dependency) in dependencies.enumerated() {
            dependencyList.append(try self.address(dependency, at: "\(place()).dependencies[\(index)]"))
        }
        return ResourceState(
            address: address, type: ResourceType(rawValue: type), accountID: accountID, attributes: attributeMap, outputs: outputs,
            secrets: secrets, dependencies: dependencyList)
    }

    /// The printed form, or the parts object `StateFile` writes for names the printed form cannot carry.
    private func address(_ value: JSONValue, at place: @autoclosure () -> String) throws(StateError) -> Address {
        if case let .string(text) = value {
            if let simple = StateDocumentReader.simpleAddress(text) { return simple }
            guard let parsed = Address(parsing: text) else { throw invalid(place(), "\"\(text)\" is not a resource address") }
            return parsed
        }
        guard case let .object(parts) = value else { throw invalid(place(), "must be an address string") }
        let kindText = try string(parts, "kind", at: place())
        guard let kind = Address.Kind(rawValue: kindText) else {
            throw invalid("\(place()).kind", "\"\(kindText)\" is not an address kind (\(Address.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return Address(
            account: try string(parts, "account", at: place()), kind: kind,
            name: try optionalString(parts, "name", at: place()), sub: try optionalString(parts, "sub", at: place()),
            key: try optionalString(parts, "key", at: place()))
    }

    /// `ACCOUNT.KIND`, `ACCOUNT.KIND.NAME`, `ACCOUNT.KIND.NAME.SUB[KEY]` or a keyless part
    /// (`ACCOUNT.user.NAME.login_profile`) with no dots or brackets
    /// inside the parts: nearly every address, split in one pass. Anything else returns `nil` and
    /// goes through `Address(parsing:)`, whose result this matches (a test checks both agree).
    static func simpleAddress(_ text: String) -> Address? {
        var parts: [Substring] = []
        var partStart = text.startIndex
        var bracket: String.Index?
        var index = text.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            switch utf8[index] {
            case UInt8(ascii: "."):
                guard bracket == nil else { return nil }
                parts.append(text[partStart..<index])
                partStart = utf8.index(after: index)
            case UInt8(ascii: "["):
                guard bracket == nil, parts.count == 3 else { return nil }
                bracket = index
            case UInt8(ascii: "]"):
                guard let open = bracket, utf8.index(after: index) == utf8.endIndex else { return nil }
                parts.append(text[partStart..<open])
                parts.append(text[utf8.index(after: open)..<index])
                partStart = utf8.endIndex
            default:
                break
            }
            index = utf8.index(after: index)
        }
        if bracket == nil { parts.append(text[partStart...]) }
        guard !parts.contains(where: \.isEmpty) else { return nil }
        let strings = parts.map(String.init)
        guard strings.count >= 2, let kind = Address.Kind(rawValue: strings[1]) else { return nil }
        switch strings.count {
        case 2: return Address(account: strings[0], kind: kind)
        case 3: return Address(account: strings[0], kind: kind, name: strings[2])
        case 4 where bracket == nil && Address.keylessParts(of: kind).contains(strings[3]):
            // `ACCOUNT.user.NAME.login_profile`: one per user with a console password.
            return Address(account: strings[0], kind: kind, name: strings[2], sub: strings[3])
        case 5 where bracket != nil: return Address(account: strings[0], kind: kind, name: strings[2], sub: strings[3], key: strings[4])
        default: return nil
        }
    }

    private func stringMap(_ value: JSONValue, at place: @autoclosure () -> String) throws(StateError) -> [String: String] {
        var map: [String: String] = [:]
        for member in try object(value, at: place()) {
            guard case let .string(text) = member.value else { throw invalid("\(place()).\(member.key)", "must be a string") }
            map[member.key] = text
        }
        return map
    }

    // MARK: Typed member access

    typealias Members = [(key: String, value: JSONValue)]

    private func require(_ members: Members, _ key: String, at place: @autoclosure () -> String) throws(StateError) -> JSONValue {
        guard let value = members.first(where: { $0.key == key })?.value else {
            let member = join(place(), key)
            throw StateError(
                .missingMember, "the state file lacks the required member \"\(member)\"",
                hint: StateFile.recoverHint(path), path: path, member: member)
        }
        return value
    }

    private func object(_ value: JSONValue, at place: @autoclosure () -> String) throws(StateError) -> Members {
        guard case let .object(members) = value else { throw invalid(place(), "must be an object") }
        return members
    }

    private func array(_ value: JSONValue, at place: @autoclosure () -> String) throws(StateError) -> [JSONValue] {
        guard case let .array(items) = value else { throw invalid(place(), "must be an array") }
        return items
    }

    private func string(_ members: Members, _ key: String, at place: @autoclosure () -> String) throws(StateError) -> String {
        guard case let .string(text) = try require(members, key, at: place()) else { throw invalid(join(place(), key), "must be a string") }
        return text
    }

    private func optionalString(_ members: Members, _ key: String, at place: @autoclosure () -> String) throws(StateError) -> String? {
        switch members.first(where: { $0.key == key })?.value {
        case nil, .null?: return nil
        case let .string(text)?: return text
        default: throw invalid(join(place(), key), "must be a string or null")
        }
    }

    private func integer(_ members: Members, _ key: String, at place: @autoclosure () -> String) throws(StateError) -> Int {
        guard case let .number(spelling) = try require(members, key, at: place()), let number = Int(spelling), number >= 0 else {
            throw invalid(join(place(), key), "must be a non-negative integer")
        }
        return number
    }

    private func invalid(_ member: String, _ problem: String) -> StateError {
        StateError(
            .invalidMember, "the state file's \"\(member)\" \(problem)", hint: StateFile.recoverHint(path),
            path: path, member: member)
    }

    private func join(_ place: String, _ key: String) -> String { place.isEmpty ? key : "\(place).\(key)" }
}
