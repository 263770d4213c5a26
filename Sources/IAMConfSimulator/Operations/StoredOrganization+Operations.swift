import IAMConfBackend
import IAMConfCore
import IAMConfPolicy

/// The Organizations calls on one organization: units, SCPs, attachments and members, with the
/// rules and exceptions AWS documents for them.
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html
extension StoredOrganization {
    /// Units nest at most five levels under the root.
    /// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
    static let maximumUnitDepth = 5
    /// At most five SCPs attached to one root, unit or account (FullAWSAccess counts).
    static let maximumPoliciesPerTarget = 5
    /// An SCP document is at most 5,120 characters.
    static let maximumDocumentSize = 5120

    static func make(managementAccountID: String, featureSet: String, _ ids: inout IDGenerator) throws(BackendError) -> StoredOrganization {
        guard featureSet == "ALL" || featureSet == "CONSOLIDATED_BILLING" else {
            throw OrganizationsErrors.invalid("FeatureSet must be ALL or CONSOLIDATED_BILLING.")
        }
        let id = "o-" + Self.lowercaseID(10, &ids)
        return StoredOrganization(
            id: id, arn: "arn:aws:organizations::\(managementAccountID):organization/\(id)", featureSet: featureSet,
            managementAccountID: managementAccountID, rootID: "r-" + Self.lowercaseID(4, &ids))
    }

    static func lowercaseID(_ count: Int, _ ids: inout IDGenerator) -> String {
        String(ids.uniqueID(prefix: "").lowercased().prefix(count))
    }

    var description: [String: JSONValue] {
        [
            "id": .string(id), "arn": .string(arn), "feature_set": .string(featureSet),
            "management_account_id": .string(managementAccountID), "root_id": .string(rootID),
        ]
    }

    // MARK: Units

    mutating func createUnit(path: [String], _ ids: inout IDGenerator) throws(BackendError) -> IAMResponse {
        guard let name = path.last, !name.isEmpty, name.count <= 128 else {
            throw OrganizationsErrors.invalid("An organizational unit name must be 1 to 128 characters.")
        }
        let parent = Array(path.dropLast())
        guard parent.isEmpty || unit(path: parent) != nil else {
            throw OrganizationsErrors.notFound("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.")
        }
        guard unit(path: path) == nil else {
            throw OrganizationsErrors.duplicate("DuplicateOrganizationalUnitException", "An OU with the same name already exists.")
        }
        guard path.count <= Self.maximumUnitDepth else {
            throw OrganizationsErrors.constraint("OU_DEPTH_LIMIT_EXCEEDED", "You attempted to create an OU tree that is too many levels deep.")
        }
        let unitID = "ou-\(rootID.dropFirst(2))-" + Self.lowercaseID(8, &ids)
        let stored = StoredOrganizationalUnit(
            id: unitID, arn: "arn:aws:organizations::\(managementAccountID):ou/\(id)/\(unitID)", path: path,
            policies: [Self.fullAWSAccess])
        units[Self.key(path)] = stored
        return IAMResponse(arn: stored.arn, uniqueID: unitID, name: name)
    }

    mutating func renameUnit(path: [String], newName: String) throws(BackendError) -> IAMResponse {
        let stored = try existingUnit(path)
        let newPath = path.dropLast() + [newName]
        guard unit(path: Array(newPath)) == nil else {
            throw OrganizationsErrors.duplicate("DuplicateOrganizationalUnitException", "An OU with the same name already exists.")
        }
        // Children and members follow their unit: every path under the old one is rewritten.
        func moved(_ old: [String]) -> [String] { old.starts(with: path) ? Array(newPath) + old.dropFirst(path.count) : old }
        units = Dictionary(uniqueKeysWithValues: units.values.map { unit in
            var unit = unit
            unit.path = moved(unit.path)
            return (Self.key(unit.path), unit)
        })
        for (key, member) in members { members[key]?.parent = moved(member.parent) }
        return IAMResponse(arn: stored.arn, uniqueID: stored.id, name: newName)
    }

    mutating func deleteUnit(path: [String]) throws(BackendError) -> IAMResponse {
        _ = try existingUnit(path)
        let hasChildren = units.values.contains { $0.path.count == path.count + 1 && $0.path.starts(with: path) }
        let hasAccounts = members.values.contains { $0.parent == path }
        guard !hasChildren, !hasAccounts else {
            throw OrganizationsErrors.conflict(
                "OrganizationalUnitNotEmptyException", "The specified OU is not empty. Move all accounts to another root or OU and delete all child OUs, and try again.")
        }
        units[Self.key(path)] = nil
        return IAMResponse()
    }

    func describeUnit(path: [String]) throws(BackendError) -> IAMResponse {
        let stored = try existingUnit(path)
        let parent = OrganizationTarget.parent(Array(path.dropLast()))
        return IAMResponse(
            arn: stored.arn, uniqueID: stored.id,
            attributes: ["name": .string(stored.name), "parent": .string(parent.description), "arn": .string(stored.arn), "unique_id": .string(stored.id)])
    }

    func existingUnit(_ path: [String]) throws(BackendError) -> StoredOrganizationalUnit {
        guard let stored = unit(path: path) else {
            throw OrganizationsErrors.notFound("OrganizationalUnitNotFoundException", "We can't find an OU with the OrganizationalUnitId that you specified.")
        }
        return stored
    }

    // MARK: Policies

    mutating func createPolicy(name: String, description: String?, document: String, _ ids: inout IDGenerator) throws(BackendError) -> IAMResponse {
        guard name != Self.fullAWSAccess, policies[name] == nil else {
            throw OrganizationsErrors.duplicate("DuplicatePolicyException", "A policy with the same name already exists.")
        }
        try Self.checkDocument(document)
        let policyID = "p-" + Self.lowercaseID(8, &ids)
        let stored = StoredServiceControlPolicy(
            id: policyID, arn: "arn:aws:organizations::\(managementAccountID):policy/\(id)/service_control_policy/\(policyID)",
            name: name, description: description, document: document)
        policies[name] = stored
        return IAMResponse(arn: stored.arn, uniqueID: policyID, name: name)
    }

    mutating func updatePolicy(name: String, description: String?, document: String) throws(BackendError) -> IAMResponse {
        var stored = try customerPolicy(name)
        try Self.checkDocument(document)
        stored.description = description
        stored.document = document
        policies[name] = stored
        return IAMResponse(arn: stored.arn, uniqueID: stored.id)
    }

    mutating func deletePolicy(name: String) throws(BackendError) -> IAMResponse {
        _ = try customerPolicy(name)
        guard !isAttached(name) else {
            throw OrganizationsErrors.conflict("PolicyInUseException", "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.")
        }
        policies[name] = nil
        return IAMResponse()
    }

    func describePolicy(name: String) throws(BackendError) -> IAMResponse {
        let stored = try customerPolicy(name)
        var attributes: [String: JSONValue] = [
            "name": .string(stored.name), "document": .string(stored.document), "arn": .string(stored.arn), "unique_id": .string(stored.id),
        ]
        attributes["description"] = stored.description.map(JSONValue.string)
        return IAMResponse(arn: stored.arn, uniqueID: stored.id, attributes: attributes)
    }

    /// AWS managed `FullAWSAccess` cannot be changed or deleted; it reads as not found here.
    func customerPolicy(_ name: String) throws(BackendError) -> StoredServiceControlPolicy {
        guard let stored = policies[name] else {
            throw OrganizationsErrors.notFound("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
        }
        return stored
    }

    static func checkDocument(_ document: String) throws(BackendError) {
        guard PolicySize.measure(text: document) <= maximumDocumentSize else {
            throw OrganizationsErrors.constraint("POLICY_CONTENT_LIMIT_EXCEEDED", "The policy document is larger than 5,120 characters.")
        }
        guard let parsed = try? JSONParser.parse(document),
              !PolicyDocument.parse(parsed, kind: .scp).diagnostics.contains(where: { $0.severity == .error })
        else {
            throw BackendError(
                .malformedPolicyDocument, "The provided policy document doesn't meet the requirements of the specified policy type.",
                rawCode: "MalformedPolicyDocumentException", httpStatus: 400)
        }
    }

    func isAttached(_ name: String) -> Bool {
        rootPolicies.contains(name) || units.values.contains { $0.policies.contains(name) } || members.values.contains { $0.policies.contains(name) }
    }

    // MARK: Attachments

    mutating func attach(_ name: String, to target: OrganizationTarget) throws(BackendError) -> IAMResponse {
        if name != Self.fullAWSAccess { _ = try customerPolicy(name) }
        var attached = try policies(of: target)
        guard !attached.contains(name) else {
            throw OrganizationsErrors.duplicate("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.")
        }
        guard attached.count < Self.maximumPoliciesPerTarget else {
            throw OrganizationsErrors.constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.")
        }
        attached.append(name)
        setPolicies(attached, of: target)
        return IAMResponse()
    }

    /// AWS refuses to leave a target with no SCP: "Every root, OU, and account must have at least
    /// one SCP attached" (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html).
    mutating func detach(_ name: String, from target: OrganizationTarget) throws(BackendError) -> IAMResponse {
        if name != Self.fullAWSAccess { _ = try customerPolicy(name) }
        var attached = try policies(of: target)
        guard let index = attached.firstIndex(of: name) else {
            throw OrganizationsErrors.notFound("PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.")
        }
        guard attached.count > 1 else {
            throw OrganizationsErrors.constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.")
        }
        attached.remove(at: index)
        setPolicies(attached, of: target)
        return IAMResponse()
    }

    func policies(of target: OrganizationTarget) throws(BackendError) -> [String] {
        switch target {
        case .root: return rootPolicies
        case let .unit(path):
            guard let stored = unit(path: path) else { throw Self.targetNotFound() }
            return stored.policies
        case let .account(accountID):
            guard let member = members[accountID] else { throw Self.targetNotFound() }
            return member.policies
        }
    }

    private mutating func setPolicies(_ names: [String], of target: OrganizationTarget) {
        switch target {
        case .root: rootPolicies = names
        case let .unit(path): units[Self.key(path)]?.policies = names
        case let .account(accountID): members[accountID]?.policies = names
        }
    }

    static func targetNotFound() -> BackendError {
        OrganizationsErrors.notFound("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.")
    }

    // MARK: Members

    /// The invitation and its acceptance in one step: the simulator holds both accounts.
    mutating func invite(_ accountID: String) throws(BackendError) -> IAMResponse {
        guard AccountID.isValid(accountID) else { throw OrganizationsErrors.invalid("\(accountID) is not a 12-digit AWS account id.") }
        guard members[accountID] == nil else {
            throw BackendError(
                .entityAlreadyExists, "The account is already a member of an organization. (ALREADY_IN_AN_ORGANIZATION)",
                rawCode: "HandshakeConstraintViolationException", httpStatus: 400)
        }
        members[accountID] = StoredMember(accountID: accountID, parent: [], policies: [Self.fullAWSAccess])
        return IAMResponse()
    }

    mutating func remove(_ accountID: String) throws(BackendError) -> IAMResponse {
        guard members[accountID] != nil else { throw Self.accountNotFound() }
        guard accountID != managementAccountID else {
            throw OrganizationsErrors.conflict(
                "MasterCannotLeaveOrganizationException", "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account.")
        }
        members[accountID] = nil
        return IAMResponse()
    }

    mutating func move(_ accountID: String, to destination: [String]) throws(BackendError) -> IAMResponse {
        guard let member = members[accountID] else { throw Self.accountNotFound() }
        guard destination.isEmpty || unit(path: destination) != nil else {
            throw OrganizationsErrors.notFound("DestinationParentNotFoundException", "We can't find the destination container (a root or OU) with the ParentId that you specified.")
        }
        guard member.parent != destination else {
            throw OrganizationsErrors.duplicate("DuplicateAccountException", "That account is already present in the specified destination.")
        }
        members[accountID]?.parent = destination
        return IAMResponse()
    }

    func parent(of accountID: String) throws(BackendError) -> IAMResponse {
        guard let member = members[accountID] else { throw Self.accountNotFound() }
        return IAMResponse(attributes: ["parent": .string(OrganizationTarget.parent(member.parent).description)])
    }

    static func accountNotFound() -> BackendError {
        OrganizationsErrors.notFound("AccountNotFoundException", "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization.")
    }
}

extension OrganizationTarget {
    /// The root for an empty path, else the unit.
    static func parent(_ path: [String]) -> OrganizationTarget { path.isEmpty ? .root : .unit(path) }
}
