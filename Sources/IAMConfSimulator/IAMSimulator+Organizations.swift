import IAMConfBackend
import IAMConfCore

/// AWS Organizations calls: the world holds one organization, made by one management account's
/// CreateOrganization. Every call but CreateOrganization and ListParents on oneself must come from
/// the management account, as in AWS (member accounts get AccessDeniedException).
extension IAMSimulator {
    /// Handles an Organizations request; nil for any other request.
    func performOrganizations(_ request: IAMRequest, _ accountID: String) throws(BackendError) -> IAMResponse? {
        guard request.isOrganizations else { return nil }
        if case let .createOrganization(featureSet) = request {
            guard organization == nil else {
                throw OrganizationsErrors.duplicate(
                    "AlreadyInOrganizationException", "This account is already a member of an organization. An account can belong to only one organization.")
            }
            var ids = takeIDs()
            defer { putIDs(ids) }
            let made = try StoredOrganization.make(managementAccountID: accountID, featureSet: featureSet, &ids)
            organization = made
            return IAMResponse(arn: made.arn, uniqueID: made.id, attributes: made.description)
        }
        guard var stored = organization else { throw OrganizationsErrors.notInUse() }
        if case let .listParents(member) = request, member == accountID { return try stored.parent(of: member) }
        guard stored.managementAccountID == accountID else {
            throw stored.members[accountID] == nil ? OrganizationsErrors.notInUse() : OrganizationsErrors.accessDenied()
        }
        var ids = takeIDs()
        defer { putIDs(ids) }
        let response: IAMResponse
        switch request {
        case .describeOrganization: return IAMResponse(arn: stored.arn, uniqueID: stored.id, attributes: stored.description)
        case .deleteOrganization:
            guard stored.members.count == 1 else {
                throw OrganizationsErrors.conflict(
                    "OrganizationNotEmptyException", "The organization isn't empty. To delete an organization, you must first remove all accounts except the management account.")
            }
            organization = nil
            return IAMResponse()
        case let .createOrganizationalUnit(path): response = try stored.createUnit(path: path, &ids)
        case let .updateOrganizationalUnit(path, newName): response = try stored.renameUnit(path: path, newName: newName)
        case let .deleteOrganizationalUnit(path): response = try stored.deleteUnit(path: path)
        case let .describeOrganizationalUnit(path): return try stored.describeUnit(path: path)
        case let .createServiceControlPolicy(name, description, document):
            response = try stored.createPolicy(name: name, description: description, document: document, &ids)
        case let .updateServiceControlPolicy(name, description, document):
            response = try stored.updatePolicy(name: name, description: description, document: document)
        case let .deleteServiceControlPolicy(name): response = try stored.deletePolicy(name: name)
        case let .describeServiceControlPolicy(name): return try stored.describePolicy(name: name)
        case let .attachServiceControlPolicy(name, target): response = try stored.attach(name, to: target)
        case let .detachServiceControlPolicy(name, target): response = try stored.detach(name, from: target)
        case let .listServiceControlPoliciesForTarget(target):
            return IAMResponse(attributes: ["policies": .array(try stored.policies(of: target).map(JSONValue.string))])
        case let .inviteAccountToOrganization(member): response = try stored.invite(member)
        case let .removeAccountFromOrganization(member): response = try stored.remove(member)
        case let .moveAccount(member, destination): response = try stored.move(member, to: destination)
        case let .listParents(member): return try stored.parent(of: member)
        default: return nil
        }
        organization = stored
        return response
    }
}
