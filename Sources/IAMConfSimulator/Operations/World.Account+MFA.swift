import IAMConfBackend
import IAMConfCore

/// Virtual MFA devices, one per user, named after the user as the console names them.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
extension World.Account {
    /// CreateVirtualMFADevice + EnableMFADevice: the serial and the seed (returned once, never kept).
    mutating func createUserMFADevice(userName: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard user.mfaDevice == nil else {
            throw IAMErrors.alreadyExists("MFADevice entity at the same path and name already exists.")
        }
        let device = World.MFADevice(serial: "arn:aws:iam::\(id):mfa/\(user.name)", enableDate: env.now)
        user.mfaDevice = device
        users[userName.lowercased()] = user
        return IAMResponse(arn: device.serial, createDate: device.enableDate, mfaSeed: env.ids.mfaSeed())
    }

    /// DeactivateMFADevice + DeleteVirtualMFADevice.
    mutating func deleteUserMFADevice(userName: String, serial: String) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard user.mfaDevice?.serial == serial else {
            throw IAMErrors.noSuchEntity(message: "MFA Device with serial number \(serial) does not exist.")
        }
        user.mfaDevice = nil
        users[userName.lowercased()] = user
        return IAMResponse()
    }

    /// ListMFADevices: `serials`.
    func listMFADevices(userName: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        return IAMResponse(attributes: ["serials": .array(user.mfaDevice.map { [.string($0.serial)] } ?? [])])
    }
}
