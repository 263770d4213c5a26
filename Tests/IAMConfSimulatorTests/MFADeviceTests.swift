import Foundation
import IAMConfBackend
import IAMConfSimulator
import Testing

/// Virtual MFA devices, one per user, named after it: created enabled, listed, in the way of
/// DeleteUser, deleted, and kept in the world file (the seed never is).
@Suite struct MFADeviceTests {
    @Test func aUsersDeviceLivesAndDies() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try IAMSimulator(directory: directory, idGenerator: .seeded(3))
        let account = "111111111111"
        _ = try await simulator.perform(.createUser(name: "alice", path: "/eng/", tags: [], permissionsBoundary: nil), in: account)
        let created = try await simulator.perform(.createUserMFADevice(userName: "alice"), in: account)
        #expect(created.arn == "arn:aws:iam::111111111111:mfa/alice")
        let seed = try #require(created.mfaSeed)
        #expect(seed.count == 64 && seed.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        await #expect(throws: BackendError.self) { try await simulator.perform(.createUserMFADevice(userName: "alice"), in: account) }
        let listed = try await simulator.perform(.listMFADevices(userName: "alice"), in: account)
        #expect(listed.attributes?["serials"] == .array([.string("arn:aws:iam::111111111111:mfa/alice")]))
        do {
            _ = try await simulator.perform(.deleteUser(name: "alice"), in: account)
            Issue.record("DeleteUser succeeded with an MFA device")
        } catch {
            #expect(error.code == .deleteConflict)
        }

        try await simulator.flush()
        let text = try String(contentsOf: directory.appendingPathComponent("simulator.json"), encoding: .utf8)
        #expect(text.contains(#""mfaDevice":{"enableDate":"#) && !text.contains(seed))
        let reloaded = try IAMSimulator(directory: directory)
        #expect(await reloaded.snapshot == (await simulator.snapshot))

        _ = try await simulator.perform(.deleteUserMFADevice(userName: "alice", serialNumber: "arn:aws:iam::111111111111:mfa/alice"), in: account)
        do {
            _ = try await simulator.perform(.deleteUserMFADevice(userName: "alice", serialNumber: "arn:aws:iam::111111111111:mfa/alice"), in: account)
            Issue.record("a deleted device was deleted again")
        } catch {
            #expect(error.code == .noSuchEntity)
        }
        _ = try await simulator.perform(.deleteUser(name: "alice"), in: account)
    }

    /// A device made by CreateVirtualMFADevice is kept unassigned (without its seed) across a
    /// reload, enabled with six-digit codes, and listed with its user.
    @Test func anUnassignedDeviceIsKeptAndEnabledLater() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try IAMSimulator(directory: directory, idGenerator: .seeded(3))
        let account = "111111111111"
        _ = try await simulator.perform(.createUser(name: "bob", path: "/", tags: [], permissionsBoundary: nil), in: account)
        let created = try await simulator.perform(.createVirtualMFADevice(name: "bob-phone", path: "/team/"), in: account)
        let serial = "arn:aws:iam::111111111111:mfa/team/bob-phone"
        #expect(created.arn == serial)
        let seed = try #require(created.mfaSeed)
        try await simulator.flush()
        let text = try String(contentsOf: directory.appendingPathComponent("simulator.json"), encoding: .utf8)
        #expect(text.contains(#""virtualMFADevices":{"\#(serial)":{"createDate":"#) && !text.contains(seed))
        let reloaded = try IAMSimulator(directory: directory)
        #expect(await reloaded.snapshot == (await simulator.snapshot))

        let listed = try await reloaded.perform(.listVirtualMFADevices, in: account)
        #expect(listed.attributes?["serials"] == .array([.string(serial)]))
        #expect(listed.attributes?["users"] == .object([]))
        await #expect(throws: BackendError.self) {
            try await reloaded.perform(.enableMFADevice(userName: "bob", serialNumber: serial, authenticationCode1: "12345", authenticationCode2: "123456"), in: account)
        }
        _ = try await reloaded.perform(.enableMFADevice(userName: "bob", serialNumber: serial, authenticationCode1: "123456", authenticationCode2: "654321"), in: account)
        let assigned = try await reloaded.perform(.listVirtualMFADevices, in: account)
        #expect(assigned.attributes?["users"] == .object([(key: serial, value: .string("bob"))]))
    }
}
