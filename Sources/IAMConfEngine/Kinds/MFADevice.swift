import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A user's virtual MFA device (`mfa: true`), named after the user as the console names it. Its seed
/// exists only in the answer that made it, so the state keeps it as a secret (`seed`); a device made
/// without iamconf learning the seed cannot be adopted or imported: nobody could compute its codes.
///
/// So a device left behind by a create whose answer was lost (or by a killed apply: the intent
/// journal claims the address) is found by its serial and deleted before a new one is made, as an
/// access key's orphans are; one iamconf did not make is refused with how to remove it.
struct MFADeviceKind: ResourceKind {
    var type: ResourceType { .mfaDevice }
    var terraformType: String { "aws_iam_virtual_mfa_device" }
    var replacingAttributes: Set<String> { ["user"] }
    /// `arn` is the device's serial number (`arn:aws:iam::ACCOUNT:mfa/NAME`), what STS calls name.
    var outputs: Set<String> { ["arn", "create_date"] }
    var knownAfterApply: [String] { ["arn"] }
    var secrets: [String] { ["seed"] }
    var importIDForm: String { "nothing: a device's seed is only known to whoever created it" }
    var adoptsUnclaimed: Bool { false }
    func alreadyExists(_ error: BackendError) -> Bool { false }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        let user = r.string("user") ?? ""
        if calls.claim != nil { try await deleteOrphan(of: user, in: r.accountID, calls) }
        do {
            return try await calls.send(.createUserMFADevice(userName: user), r.accountID)
        } catch where error.code == .entityAlreadyExists && calls.claim == nil {
            throw BackendError(
                .entityAlreadyExists,
                "\(error.message) (a virtual MFA device named \(user) exists and iamconf did not make it, so its seed is unknown: "
                    + "remove it (aws iam deactivate-mfa-device, then aws iam delete-virtual-mfa-device) and apply again)",
                rawCode: error.rawCode, httpStatus: error.httpStatus)
        }
    }

    /// Deletes the device named after `user` (path `/`) that an interrupted create of iamconf's left
    /// behind, enabled for the user or not: its seed was never learnt, so it can only be replaced.
    /// A device of that name enabled for someone else is not iamconf's and is left alone.
    private func deleteOrphan(of user: String, in account: String, _ calls: BackendCalls) async throws(BackendError) {
        let key = ObjectKey(accountID: account, attributes: ["user": .string(user)])
        guard let a = try await calls.get(.listVirtualMFADevices, key) else { return }
        let holders = a.object("users")
        for serial in a.strings("serials") where serial.lowercased().hasSuffix(":mfa/\(user.lowercased())") {
            switch holders[serial] {
            case nil:
                try await calls.sendDeleting(.deleteVirtualMFADevice(serialNumber: serial), account)
            case let holder? where holder.lowercased() == user.lowercased():
                try await calls.sendDeleting(.deleteUserMFADevice(userName: holder, serialNumber: serial), account)
            default:
                continue
            }
        }
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let serial = before.outputs["arn"] else { return }
        try await calls.sendDeleting(.deleteUserMFADevice(userName: ObjectKey(before).s("user"), serialNumber: serial), before.accountID)
    }

    /// Without a serial there is nothing to look for; the resource is left as it is.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let serial = key.outputs["arn"] else { return LiveObject(attributes: [:]) }
        let user = key.s("user")
        guard let a = try await calls.get(.listMFADevices(userName: user), key), a.strings("serials").contains(serial) else { return nil }
        return LiveObject(attributes: ["user": .string(user)], outputs: ["arn": serial])
    }

    func importID(of resource: Resource) -> String { "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        throw ImportError(
            .badID, "\(resource.address) cannot be imported: a virtual MFA device's seed is only known to whoever created it; delete the device and apply")
    }
}

extension ResourceType {
    public static let mfaDevice = ResourceType(rawValue: "mfa_device")
}
