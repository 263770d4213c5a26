import IAMConfCore

extension SimulationRequest {
    static let knownMembers: Set<String> = [
        "CallerArn", "CallerRoleArn", "PolicyInputList", "PermissionsBoundaryPolicyInputList", "SessionPolicyInputList",
        "ServiceControlPolicyInputList", "ResourcePolicy", "ResourceOwner", "ActionNames", "ResourceArns",
        "ContextEntries", "ResourceHandlingOption", "MaxItems", "Marker",
    ]

    /// Reads a request from JSON text; syntax errors carry `line:column`.
    public static func decode(text: String) -> Result<SimulationRequest, SimulationInputError> {
        do {
            return decode(try JSONParser.parse(text))
        } catch {
            return .failure(SimulationInputError(member: nil, message: "invalid JSON at \(error.line):\(error.column): \(error.message)"))
        }
    }

    /// Reads a request from a JSON value; the first problem found is reported with its member.
    public static func decode(_ json: JSONValue) -> Result<SimulationRequest, SimulationInputError> {
        do {
            return .success(try decodeThrowing(json))
        } catch let error as SimulationInputError {
            return .failure(error)
        } catch {
            return .failure(SimulationInputError(member: nil, message: "\(error)"))
        }
    }

    private static func decodeThrowing(_ json: JSONValue) throws -> SimulationRequest {
        guard let members = json.objectValue else {
            throw SimulationInputError(member: nil, message: "the request must be a JSON object")
        }
        if let unknown = members.first(where: { !knownMembers.contains($0.key) }) {
            throw SimulationInputError(member: unknown.key, message: "unknown member; expected members of SimulateCustomPolicy such as PolicyInputList, ActionNames, ResourceArns, ContextEntries")
        }
        var warnings: [Diagnostic] = []
        let caller = try decodeCaller(json)
        let identity = try policyList(json, "PolicyInputList", kind: .identity, sourceType: "IAM Policy", warnings: &warnings)
        let boundaries = try policyList(json, "PermissionsBoundaryPolicyInputList", kind: .boundary, sourceType: "IAM Policy", warnings: &warnings)
        let sessions = try policyList(json, "SessionPolicyInputList", kind: .sessionPolicy, sourceType: "IAM Policy", warnings: &warnings)
        let scps = try policyList(json, "ServiceControlPolicyInputList", kind: .scp, sourceType: "IAM Policy", warnings: &warnings)
        var resourcePolicy: SimulationPolicy?
        if let value = json["ResourcePolicy"], value != .null {
            resourcePolicy = try policy(value, member: "ResourcePolicy", id: "ResourcePolicy", kind: nil, sourceType: "resource", warnings: &warnings)
            if caller == nil {
                throw SimulationInputError(member: "CallerArn", message: "required when ResourcePolicy is given (the principal the resource policy is evaluated for)")
            }
        }
        let actions = try strings(json["ActionNames"], member: "ActionNames", required: true)
        for (index, action) in actions.enumerated() where !isValidActionName(action) {
            throw SimulationInputError(member: "ActionNames[\(index)]", message: "'\(action)' is not an action name of the form service:action, e.g. s3:GetObject")
        }
        var resources = try strings(json["ResourceArns"], member: "ResourceArns", required: false)
        if resources.isEmpty { resources = ["*"] }
        if actions.count * resources.count > maxResults {
            throw SimulationInputError(member: "ResourceArns", message: "\(actions.count) actions × \(resources.count) resources is more than \(maxResults) results; split the request")
        }
        for (index, resource) in resources.enumerated() where resource != "*" && ARN(resource) == nil {
            throw SimulationInputError(member: "ResourceArns[\(index)]", message: "'\(resource)' is not an ARN (arn:partition:service:region:account:resource) or *")
        }
        return SimulationRequest(
            caller: caller, identityPolicies: identity, permissionsBoundaries: boundaries, sessionPolicies: sessions,
            serviceControlPolicies: scps, resourcePolicy: resourcePolicy, resourceOwner: try decodeOwner(json["ResourceOwner"]),
            actionNames: actions, resourceARNs: resources, context: try decodeContext(json["ContextEntries"]), warnings: warnings)
    }

    private static func decodeCaller(_ json: JSONValue) throws -> Principal? {
        var roleARN: String?
        if let value = json["CallerRoleArn"], value != .null {
            guard let text = value.stringValue, let arn = ARN(text), arn.service == "iam", arn.resource.hasPrefix("role/") else {
                throw SimulationInputError(member: "CallerRoleArn", message: "must be a role ARN such as arn:aws:iam::111122223333:role/Name")
            }
            roleARN = text
        }
        guard let value = json["CallerArn"], value != .null else {
            if roleARN != nil { throw SimulationInputError(member: "CallerArn", message: "required when CallerRoleArn is given") }
            return nil
        }
        guard let text = value.stringValue, let principal = Principal.parse(text, roleARN: roleARN) else {
            throw SimulationInputError(member: "CallerArn", message: "must be an IAM user ARN, a role session ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), the account root, a service principal (ec2.amazonaws.com) or an identity provider ARN")
        }
        return principal
    }

    private static func decodeOwner(_ value: JSONValue?) throws -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else {
            throw SimulationInputError(member: "ResourceOwner", message: "must be a string: an account ID or arn:aws:iam::ACCOUNT:root")
        }
        if AccountID.isValid(text) { return text }
        if let arn = ARN(text), AccountID.isValid(arn.account) { return arn.account }
        throw SimulationInputError(member: "ResourceOwner", message: "'\(text)' is neither a 12-digit account ID nor an ARN with an account (arn:aws:iam::ACCOUNT:root)")
    }

    /// `service:Action`: an API operation name, as SimulateCustomPolicy's ActionNames take them.
    static func isValidActionName(_ action: String) -> Bool {
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts.allSatisfy { part in
            part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_*?".unicodeScalars.contains($0) }
        }
    }

    static func strings(_ value: JSONValue?, member: String, required: Bool) throws -> [String] {
        guard let value, value != .null else {
            if required { throw SimulationInputError(member: member, message: "required: a list of strings") }
            return []
        }
        guard let items = value.arrayValue else { throw SimulationInputError(member: member, message: "must be a list of strings") }
        if required, items.isEmpty { throw SimulationInputError(member: member, message: "must not be empty") }
        return try items.enumerated().map { index, item in
            guard let text = item.stringValue, !text.isEmpty else {
                throw SimulationInputError(member: "\(member)[\(index)]", message: "must be a non-empty string")
            }
            return text
        }
    }
}
