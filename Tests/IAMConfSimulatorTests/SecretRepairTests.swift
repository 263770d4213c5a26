import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfSimulator
import Testing

/// What the engine uses to repair secrets it never learnt (issue 9): a new console password through
/// UpdateLoginProfile, and access key create dates.
@Suite struct SecretRepairTests {
    @Test func updateLoginProfileWithNewPasswordReturnsOneThatMeetsThePolicy() async throws {
        let simulator = try makeSimulator()
        var policy = PasswordPolicyInput.strict
        policy.minimumPasswordLength = 40
        try await simulator.run(.updateAccountPasswordPolicy(policy))
        try await simulator.createUser("p")
        let first = try #require(try await simulator.run(.createLoginProfile(userName: "p", passwordResetRequired: false)).password)
        let response = try await simulator.run(.updateLoginProfile(userName: "p", passwordResetRequired: true, newPassword: true))
        let password = try #require(response.password)
        #expect(password != first)
        #expect(password.count >= 40)
        #expect(password.contains { $0.isUppercase } && password.contains { $0.isLowercase })
        #expect(password.contains { $0.isNumber } && password.contains { !$0.isLetter && !$0.isNumber })
        let profile = try await simulator.run(.getLoginProfile(userName: "p"))
        #expect(profile.attributes?["password_reset_required"] == .bool(true))
    }

    @Test func updateLoginProfileWithoutNewPasswordReturnsNone() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("p")
        try await simulator.run(.createLoginProfile(userName: "p", passwordResetRequired: true))
        let response = try await simulator.run(.updateLoginProfile(userName: "p", passwordResetRequired: false, newPassword: false))
        #expect(response.password == nil)
        #expect(try await simulator.run(.getLoginProfile(userName: "p")).attributes?["password_reset_required"] == .bool(false))
    }

    @Test func newPasswordNeedsAnExistingProfile() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("p")
        let error = await simulator.error(.updateLoginProfile(userName: "p", passwordResetRequired: false, newPassword: true))
        #expect(error?.code == .noSuchEntity)
    }

    @Test func listAccessKeysCarriesCreateDates() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("k")
        let first = try #require(try await simulator.run(.createAccessKey(userName: "k")).accessKeyID)
        let second = try #require(try await simulator.run(.createAccessKey(userName: "k")).accessKeyID)
        let read = try await simulator.run(.listAccessKeys(userName: "k"))
        let created = JSONValue.string("2026-01-01T00:00:00Z")
        #expect(read.attributes?["create_dates"] == .object([(key: first, value: created), (key: second, value: created)]))
        try await simulator.run(.deleteAccessKey(userName: "k", accessKeyID: first))
        #expect(try await simulator.run(.listAccessKeys(userName: "k")).attributes?["create_dates"] == .object([(key: second, value: created)]))
    }
}
