import IAMConfBackend
import IAMConfCore

/// Virtual MFA devices: made unassigned (CreateVirtualMFADevice), enabled for one user
/// (EnableMFADevice), deactivated and deleted; one device per user here (AWS allows up to eight).
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
///
/// The seed is returned once and not kept, so the simulator checks only the codes' shape; whoever
/// kept the seed (serve) checks their values before it asks for EnableMFADevice.
extension World.Account {
    /// CreateVirtualMFADevice: the serial in `arn`, the seed in `mfaSeed`.
    mutating func createVirtualMFADevice(name: String, path: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html: 1 to 226 characters.
        try InputRules.checkName(name, field: "virtualMFADeviceName", maxLength: 226)
        try InputRules.checkPath(path)
        let serial = "arn:aws:iam::\(id):mfa\(path)\(name)"
        guard !mfaDeviceSerials.contains(serial) else {
            throw IAMErrors.alreadyExists("MFADevice entity at the same path and name already exists.")
        }
        var devices = virtualMFADevices ?? [:]
        devices[serial] = World.VirtualMFADevice(serial: serial, createDate: env.now)
        virtualMFADevices = devices
        return IAMResponse(arn: serial, createDate: env.now, mfaSeed: env.ids.mfaSeed())
    }

    /// EnableMFADevice: the device must exist and be free, the user must have none (iamconf models
    /// one per user), and the codes must be six digits each.
    mutating func enableMFADevice(userName: String, serial: String, codes: [String], _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        for (index, code) in codes.enumerated() where code.count != 6 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw IAMErrors.validation(
                value: code, field: "authenticationCode\(index + 1)", constraint: "Member must satisfy regular expression pattern: [\\d]+")
        }
        guard mfaDeviceSerials.contains(serial) else {
            throw IAMErrors.noSuchEntity(message: "VirtualMFADevice with serial number \(serial) doesn't exist.")
        }
        if let holder = users.values.first(where: { $0.mfaDevice?.serial == serial }) {
            throw IAMErrors.alreadyExists("MFA Device with serial number \(serial) is already in use by \(holder.name).")
        }
        guard user.mfaDevice == nil else {
            throw IAMErrors.limitExceeded("User \(user.name) already has an MFA device enabled; iamconf's simulator allows one per user.")
        }
        user.mfaDevice = World.MFADevice(serial: serial, enableDate: env.now)
        users[userName.lowercased()] = user
        return IAMResponse()
    }

    /// DeactivateMFADevice: the device stays, unassigned.
    mutating func deactivateMFADevice(userName: String, serial: String) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard let device = user.mfaDevice, device.serial == serial else {
            throw IAMErrors.noSuchEntity(message: "MFA Device with serial number \(serial) does not exist.")
        }
        var devices = virtualMFADevices ?? [:]
        if devices[serial] == nil { devices[serial] = World.VirtualMFADevice(serial: serial, createDate: device.enableDate) }
        virtualMFADevices = devices
        user.mfaDevice = nil
        users[userName.lowercased()] = user
        return IAMResponse()
    }

    /// DeleteVirtualMFADevice: refused while a user has it enabled.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteVirtualMFADevice.html
    mutating func deleteVirtualMFADevice(serial: String) throws(BackendError) -> IAMResponse {
        if users.values.contains(where: { $0.mfaDevice?.serial == serial }) {
            throw IAMErrors.deleteConflict("MFA device \(serial) is enabled for a user: deactivate it (DeactivateMFADevice) first.")
        }
        guard virtualMFADevices?.removeValue(forKey: serial) != nil else {
            throw IAMErrors.noSuchEntity(message: "VirtualMFADevice with serial number \(serial) doesn't exist.")
        }
        return IAMResponse()
    }

    /// The engine's `mfa_device`: a device named after the user, enabled at once (no codes to check:
    /// the seed goes straight to the caller).
    mutating func createUserMFADevice(userName: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        guard user.mfaDevice == nil else {
            throw IAMErrors.alreadyExists("MFADevice entity at the same path and name already exists.")
        }
        let created = try createVirtualMFADevice(name: user.name, path: "/", &env)
        let serial = created.arn ?? ""
        do {
            _ = try enableMFADevice(userName: userName, serial: serial, codes: ["000000", "000000"], env)
        } catch {
            virtualMFADevices?[serial] = nil
            throw error
        }
        return IAMResponse(arn: serial, createDate: env.now, mfaSeed: created.mfaSeed)
    }

    /// DeactivateMFADevice when the device is the user's, then DeleteVirtualMFADevice.
    mutating func deleteUserMFADevice(userName: String, serial: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        if user.mfaDevice?.serial == serial { _ = try deactivateMFADevice(userName: userName, serial: serial) }
        return try deleteVirtualMFADevice(serial: serial)
    }

    /// ListMFADevices: `serials`.
    func listMFADevices(userName: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        return IAMResponse(attributes: ["serials": .array(user.mfaDevice.map { [.string($0.serial)] } ?? [])])
    }

    /// ListVirtualMFADevices: `serials` (sorted) and `users` (serial -> user name, the assigned ones).
    func listVirtualMFADevices() -> IAMResponse {
        let assigned = users.values.compactMap { user in user.mfaDevice.map { (key: $0.serial, value: JSONValue.string(user.name)) } }
        return IAMResponse(attributes: [
            "serials": .array(mfaDeviceSerials.sorted().map(JSONValue.string)),
            "users": .object(assigned.sorted { $0.key < $1.key }),
        ])
    }

    /// Every device's serial: the kept ones and those only on a user (worlds written before devices were kept).
    public var mfaDeviceSerials: Set<String> {
        Set(virtualMFADevices?.keys.map { $0 } ?? []).union(users.values.compactMap { $0.mfaDevice?.serial })
    }
}
