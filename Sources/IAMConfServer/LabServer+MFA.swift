import Foundation
import IAMConfBackend
import IAMConfQueryAPI
import IAMConfSimulator
import IAMConfTOTP

/// IAM's virtual MFA calls, so a learner can make and enable a device with `aws iam
/// create-virtual-mfa-device` + `enable-mfa-device` and then sign STS calls with its codes.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
///
/// The simulator keeps devices but no seed (as it keeps no access key secret); this server keeps the
/// seeds it handed out, in memory, and checks EnableMFADevice's and ResyncMFADevice's codes with them.
/// A device made through serve therefore lasts as long as this run does, like a key made through it.
extension LabServer {
    static let mfaActions: Set<String> = [
        "CreateVirtualMFADevice", "EnableMFADevice", "ResyncMFADevice", "DeactivateMFADevice", "DeleteVirtualMFADevice",
        "ListVirtualMFADevices", "ListMFADevices",
    ]

    /// The answer to an MFA action, or nil when `action` is not one.
    func performMFA(
        _ action: String, _ p: QueryParameters, caller: CallerIdentity, request: ServerRequest
    ) async throws(ServiceError) -> String? {
        guard Self.mfaActions.contains(action) else { return nil }
        let account = caller.account
        switch action {
        case "CreateVirtualMFADevice":
            let name = try p.required("VirtualMFADeviceName")
            let path = p["Path"] ?? "/"
            try await authorize(caller, action: "iam:\(action)", resource: "arn:aws:iam::\(account):mfa\(path)\(name)", request: request)
            let created = try await change(.createVirtualMFADevice(name: name, path: path), in: account)
            guard let serial = created.arn, let seed = created.mfaSeed, let totp = TOTP(base32Seed: seed) else {
                throw .internalFailure("the simulator made no device")
            }
            mfaSeeds[serial] = totp
            // QRCodePNG is left out: the seed is what a client or an authenticator app needs.
            return "<VirtualMFADevice>" + XMLText.element("SerialNumber", serial)
                + XMLText.element("Base32StringSeed", TOTP.wireSeed(seed)) + "</VirtualMFADevice>"
        case "EnableMFADevice", "ResyncMFADevice":
            let name = try Self.userName(p, caller)
            let serial = try p.required("SerialNumber")
            let (first, second) = (try p.required("AuthenticationCode1"), try p.required("AuthenticationCode2"))
            let user = try Self.found(await world.account(account)?.user(named: name), "user", name)
            try await authorize(caller, action: "iam:\(action)", resource: user.arn, request: request)
            if action == "ResyncMFADevice" {
                guard user.mfaDevice?.serial == serial else {
                    throw ServiceError("NoSuchEntity", "MFA Device with serial number \(serial) does not exist.", status: 404)
                }
                try checkCodes(first, second, serial: serial)
                return ""
            }
            if await world.account(account)?.mfaDeviceSerials.contains(serial) == true, user.mfaDevice == nil {
                try checkCodes(first, second, serial: serial)
            }
            _ = try await change(
                .enableMFADevice(userName: name, serialNumber: serial, authenticationCode1: first, authenticationCode2: second), in: account)
            if let totp = mfaSeeds[serial] { mfaDevices[serial] = MFADevice(serial: serial, userARN: user.arn, totp: totp) }
            return ""
        case "DeactivateMFADevice":
            let name = try Self.userName(p, caller)
            let serial = try p.required("SerialNumber")
            let user = try Self.found(await world.account(account)?.user(named: name), "user", name)
            try await authorize(caller, action: "iam:\(action)", resource: user.arn, request: request)
            _ = try await change(.deactivateMFADevice(userName: name, serialNumber: serial), in: account)
            if let device = mfaDevices.removeValue(forKey: serial) { mfaSeeds[serial] = device.totp }
            return ""
        case "DeleteVirtualMFADevice":
            let serial = try p.required("SerialNumber")
            try await authorize(caller, action: "iam:\(action)", resource: serial, request: request)
            _ = try await change(.deleteVirtualMFADevice(serialNumber: serial), in: account)
            mfaSeeds[serial] = nil
            mfaDevices[serial] = nil
            return ""
        case "ListMFADevices":
            // Without UserName, the signing user's own devices (as `aws iam list-mfa-devices` asks).
            let name = try Self.userName(p, caller)
            let user = try Self.found(await world.account(account)?.user(named: name), "user", name)
            try await authorize(caller, action: "iam:\(action)", resource: user.arn, request: request)
            return "<MFADevices>"
                + (user.mfaDevice.map {
                    "<member>" + XMLText.element("UserName", user.name) + XMLText.element("SerialNumber", $0.serial)
                        + XMLText.element("EnableDate", WireTime.text($0.enableDate)) + "</member>"
                } ?? "") + "</MFADevices>" + XMLText.element("IsTruncated", "false")
        default:
            return try await listVirtualMFADevices(p, caller: caller, request: request)
        }
    }

    /// ListVirtualMFADevices with `AssignmentStatus` (`Assigned`, `Unassigned`, `Any`), every device on one page.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html
    private func listVirtualMFADevices(_ p: QueryParameters, caller: CallerIdentity, request: ServerRequest) async throws(ServiceError) -> String {
        let status = p["AssignmentStatus"] ?? "Any"
        guard ["Assigned", "Unassigned", "Any"].contains(status) else {
            throw .validation(
                "1 validation error detected: Value '\(status)' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]")
        }
        try await authorize(caller, action: "iam:ListVirtualMFADevices", resource: "*", request: request)
        let world = await world.account(caller.account) ?? World.Account(id: caller.account)
        let holders = Dictionary(world.users.values.compactMap { user in user.mfaDevice.map { ($0.serial, user) } }, uniquingKeysWith: { a, _ in a })
        let members = world.mfaDeviceSerials.sorted().compactMap { serial -> String? in
            let holder = holders[serial]
            if status == "Assigned" && holder == nil || status == "Unassigned" && holder != nil { return nil }
            var member = XMLText.element("SerialNumber", serial)
            if let holder, let device = holder.mfaDevice {
                member += "<User>" + IAMXML.user(holder) + "</User>" + XMLText.element("EnableDate", WireTime.text(device.enableDate))
            }
            return "<member>" + member + "</member>"
        }
        return "<VirtualMFADevices>" + members.joined() + "</VirtualMFADevices>" + XMLText.element("IsTruncated", "false")
    }

    /// Two consecutive codes of the device's seed; AWS's `InvalidAuthenticationCode` (403, from
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html; the message is
    /// iamconf's, not checked against AWS's) otherwise, and for a device whose seed this server never learnt.
    private func checkCodes(_ first: String, _ second: String, serial: String) throws(ServiceError) {
        // Codes that are not six digits are the simulator's ValidationError, as on AWS.
        guard [first, second].allSatisfy({ $0.count == 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return }
        let totp = mfaSeeds[serial] ?? mfaDevices[serial]?.totp
        guard let totp, totp.acceptsConsecutive(first, second, at: options.clock()) else {
            throw ServiceError("InvalidAuthenticationCode", "Authentication code for device is not valid.", status: 403)
        }
    }

    /// Performs a change on the simulator and saves it, as every IAM write is.
    private func change(_ request: IAMRequest, in account: String) async throws(ServiceError) -> IAMResponse {
        let response: IAMResponse
        do {
            response = try await simulator.perform(request, in: account)
        } catch {
            throw Self.serviceError(error)
        }
        worldChanged()
        try await persistChanges()
        return response
    }
}
