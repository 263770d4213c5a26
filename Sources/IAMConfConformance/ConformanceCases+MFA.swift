import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfTOTP

/// Virtual MFA devices: the engine's `mfa_device` (made and enabled in one request, its seed
/// answered once) and IAM's own calls, so every backend, serve included, holds the same shape.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
extension ConformanceCases {
    static var mfaDevices: [ConformanceCase] {
        [
            ConformanceCase("mfa: a user's device is made enabled, listed, refused twice, and deleted", steps: [
                .createUser("mfa"),
                .ok({ c in .createUserMFADevice(userName: c.name("mfa")) },
                    check: { response, c in
                        let serial = "arn:aws:iam::\(c.account):mfa/\(c.name("mfa"))"
                        guard response.arn == serial else { return "expected serial \(serial), got \(response.arn ?? "none")" }
                        guard let seed = response.mfaSeed, seed.count >= 16, seed.allSatisfy({ "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=".contains($0) })
                        else { return "no Base32 seed answered: \(response.mfaSeed ?? "none")" }
                        return nil
                    },
                    save: { ["serial": $0.arn ?? ""] }),
                .ok({ c in .listMFADevices(userName: c.name("mfa")) },
                    check: ConformanceChecks.attribute("serials") { c in .array([.string(c["serial"])]) }),
                .ok({ _ in .listVirtualMFADevices }, check: { response, c in
                    let serials = ConformanceCodes.strings(response.attributes?["serials"])
                    guard serials.contains(c["serial"]) else { return "ListVirtualMFADevices does not list \(c["serial"]): \(serials)" }
                    let holder = response.attributes?["users"]?.objectValue?.first { $0.key == c["serial"] }?.value.stringValue
                    return holder == c.name("mfa") ? nil : "the device is listed as enabled for \(holder ?? "nobody"), expected \(c.name("mfa"))"
                }),
                .fails(.entityAlreadyExists) { c in .createUserMFADevice(userName: c.name("mfa")) },
                .ok { c in .deleteUserMFADevice(userName: c.name("mfa"), serialNumber: c["serial"]) },
                .ok({ c in .listMFADevices(userName: c.name("mfa")) }, check: ConformanceChecks.attribute("serials") { _ in .array([]) }),
                .ok({ _ in .listVirtualMFADevices }, check: { response, c in
                    ConformanceCodes.strings(response.attributes?["serials"]).contains(c["serial"]) ? "the deleted device is still listed" : nil
                }),
                .cleanup { c in .deleteUserMFADevice(userName: c.name("mfa"), serialNumber: c["serial"]) },
                .deleteUser("mfa"),
            ]),
            ConformanceCase(
                "mfa: IAM's calls: create, enable, in use, deactivate, delete", knownDeviations: ["endpoint": MotoDeviation.mfaUnchecked],
                steps: [
                    .createUser("holder"),
                    .ok({ c in .createVirtualMFADevice(name: c.name("device"), path: "/") },
                        check: ConformanceChecks.arn { c in "arn:aws:iam::\(c.account):mfa/\(c.name("device"))" },
                        save: { ["serial": $0.arn ?? "", "seed": $0.mfaSeed ?? ""] }),
                    .fails(.entityAlreadyExists) { c in .createVirtualMFADevice(name: c.name("device"), path: "/") },
                    .ok({ _ in .listVirtualMFADevices }, check: { response, c in
                        let serials = ConformanceCodes.strings(response.attributes?["serials"])
                        let holders = response.attributes?["users"]?.objectValue ?? []
                        guard serials.contains(c["serial"]) else { return "the new device is not listed: \(serials)" }
                        return holders.contains { $0.key == c["serial"] } ? "the new device is listed as enabled" : nil
                    }),
                    .fails(.noSuchEntity) { c in
                        .enableMFADevice(userName: c.name("nobody"), serialNumber: c["serial"], authenticationCode1: "123456", authenticationCode2: "654321")
                    },
                    .ok { c in
                        let (first, second) = ConformanceCodes.consecutive(seed: c["seed"])
                        return .enableMFADevice(userName: c.name("holder"), serialNumber: c["serial"], authenticationCode1: first, authenticationCode2: second)
                    },
                    .fails(.deleteConflict) { c in .deleteVirtualMFADevice(serialNumber: c["serial"]) },
                    .fails(.deleteConflict) { c in .deleteUser(name: c.name("holder")) },
                    .ok { c in .deactivateMFADevice(userName: c.name("holder"), serialNumber: c["serial"]) },
                    .fails(.noSuchEntity) { c in .deactivateMFADevice(userName: c.name("holder"), serialNumber: c["serial"]) },
                    .ok { c in .deleteVirtualMFADevice(serialNumber: c["serial"]) },
                    .fails(.noSuchEntity) { c in .deleteVirtualMFADevice(serialNumber: c["serial"]) },
                    .cleanup { c in .deactivateMFADevice(userName: c.name("holder"), serialNumber: c["serial"]) },
                    .cleanup { c in .deleteVirtualMFADevice(serialNumber: c["serial"]) },
                    .deleteUser("holder"),
                ]),
        ]
    }
}

/// What the MFA cases compute: two consecutive codes of a seed (as a person reads them off the device).
enum ConformanceCodes {
    static func consecutive(seed: String) -> (String, String) {
        // A backend that answered no seed gets codes that cannot be right, and must refuse them.
        TOTP(base32Seed: seed)?.consecutiveCodes(at: Date()) ?? ("000000", "000000")
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
