import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A user's virtual MFA device (`mfa: true`), named after the user as the console names it. Its seed
/// exists only in the answer that made it, so the state keeps it as a secret (`seed`); a device made
/// without iamconf learning the seed cannot be adopted or imported: nobody could compute its codes.
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
        try await calls.send(.createUserMFADevice(userName: r.string("user") ?? ""), r.accountID)
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
