import Foundation
import IAMConfBackend
import IAMConfTOTP

/// The engine's `mfa_device` requests as the calls IAM has: a device is made and then enabled with
/// two codes computed from the seed the first call answered, and removed by deactivating it first.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html
///
/// An answer lost on the way is a `.transport` error like any other change's: the device may exist
/// with a seed nobody knows, and the engine's `mfa_device` kind deletes it before making a new one.
extension HTTPBackend {
    func performMFASequence(_ request: IAMRequest, credentials: AWSCredentials) async throws(BackendError) -> IAMResponse {
        switch request {
        case let .createUserMFADevice(user):
            let create = IAMRequest.createVirtualMFADevice(name: user, path: "/")
            let created = IAMResponseDecoder.decode(try await client.perform(try create.queryCall(), credentials: credentials), for: create)
            guard let serial = created.arn, let seed = created.mfaSeed, let totp = TOTP(base32Seed: seed) else {
                throw BackendError(.other, "CreateVirtualMFADevice for \(user) answered without a serial number or a Base32 seed", rawCode: "MalformedAnswer")
            }
            let (first, second) = totp.consecutiveCodes(at: Date())
            let enable = IAMRequest.enableMFADevice(userName: user, serialNumber: serial, authenticationCode1: first, authenticationCode2: second)
            do {
                _ = try await client.perform(try enable.queryCall(), credentials: credentials)
            } catch where error.code != .transport {
                // Refused (a wrong code, no such user): take the new device away again, so no
                // device whose seed is about to be forgotten stays behind.
                _ = try? await client.perform(try IAMRequest.deleteVirtualMFADevice(serialNumber: serial).queryCall(), credentials: credentials)
                throw error
            }
            return IAMResponse(arn: serial, createDate: Date(), mfaSeed: seed)
        case let .deleteUserMFADevice(user, serial):
            do {
                _ = try await client.perform(
                    try IAMRequest.deactivateMFADevice(userName: user, serialNumber: serial).queryCall(), credentials: credentials)
            } catch where error.code == .noSuchEntity {
                // Not enabled for the user (an interrupted create, or deactivated by hand): delete it all the same.
            }
            _ = try await client.perform(try IAMRequest.deleteVirtualMFADevice(serialNumber: serial).queryCall(), credentials: credentials)
            return IAMResponse()
        default:
            return IAMResponse()
        }
    }
}

extension IAMRequest {
    /// The requests `HTTPBackend` sends as more than one call.
    var isUserMFADeviceSequence: Bool {
        switch self {
        case .createUserMFADevice, .deleteUserMFADevice: return true
        default: return false
        }
    }
}
