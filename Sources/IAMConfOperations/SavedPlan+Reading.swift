import Foundation
import IAMConfCore
import IAMConfEngine

extension SavedPlan {
    /// Nil when `path` is not a saved plan (a directory, or a YAML file); an error when it looks
    /// like one but cannot be used: unreadable, an older or newer format, or members that do not
    /// fit together (edited by hand).
    public static func read(_ path: String) throws(OperationError) -> SavedPlan? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OperationError("cannot read \(path)", hint: "check the file's permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains(marker) else { return nil }
        let replan = "run `iamconf plan --out \(path)` again"
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw OperationError("\(path):\(error.line):\(error.column): the plan file is not valid JSON: \(error.message)",
                hint: "the file may be truncated; \(replan)")
        }
        guard case let .number(spelling)? = value[marker], let version = Int(spelling) else {
            throw OperationError("\(path) has no saved-plan format version (\"\(marker)\" must be a number)", hint: replan)
        }
        if version > Self.version {
            throw OperationError("\(path) was saved by a newer iamconf (plan format \(version))", hint: "upgrade iamconf or plan again")
        }
        if version < Self.version {
            throw OperationError(
                "\(path) was saved by an older iamconf (plan format \(version)), which did not record the backend's region and access roles",
                hint: "applying it could reach the endpoint through the wrong role or region; \(replan)")
        }
        guard let configuration = value["configuration"]?.stringValue, let state = value["state"]?.stringValue,
              let backendJSON = value["backend"], let planJSON = value["plan"]
        else {
            throw OperationError("\(path) is missing members of a saved plan", hint: replan)
        }
        let backend = try settings(backendJSON, path: path, replan: replan)
        let plan: Plan
        do {
            plan = try PlanFile.decode(planJSON.compactText())
        } catch {
            throw OperationError("\(path) is not a usable plan: \(error)", hint: replan)
        }
        guard plan.backend == backend.descriptor else {
            throw OperationError(
                "\(path) does not fit together: its backend settings name \(backend.descriptor), but its plan was made for \(plan.backend)",
                hint: "the file was changed after it was saved; \(replan)")
        }
        return SavedPlan(configurationDirectory: configuration, statePath: state, backend: backend, plan: plan)
    }

    /// The `backend` member, checked member by member.
    private static func settings(_ json: JSONValue, path: String, replan: String) throws(OperationError) -> BackendConnection {
        func bad(_ member: String, _ problem: String) -> OperationError {
            OperationError("\(path): backend.\(member) \(problem)", hint: "the file was changed after it was saved; \(replan)")
        }
        guard let kind = json["kind"]?.stringValue.flatMap(BackendDescriptor.Kind.init(rawValue:)) else {
            throw bad("kind", "must be \"simulator\" or \"endpoint\"")
        }
        let endpoint: String?
        switch json["endpoint"] {
        case nil, .null?: endpoint = nil
        case let .string(text)?: endpoint = text
        default: throw bad("endpoint", "must be a string or null")
        }
        guard let region = json["region"]?.stringValue, !region.isEmpty else { throw bad("region", "must be a non-empty string") }
        guard case let .object(members)? = json["access_roles"] else { throw bad("access_roles", "must be an object") }
        var roles: [String: String] = [:]
        for member in members {
            guard member.key.utf8.count == 12, member.key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw bad("access_roles", "names \"\(member.key)\", which is not a 12-digit account id")
            }
            guard case let .string(role) = member.value, !role.isEmpty else {
                throw bad("access_roles.\(member.key)", "must be a non-empty role name")
            }
            roles[member.key] = role
        }
        return BackendConnection(descriptor: BackendDescriptor(kind: kind, endpoint: endpoint), region: region, accessRoles: roles)
    }
}
