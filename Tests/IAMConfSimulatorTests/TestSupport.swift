import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator

/// A fixed instant, so created dates are predictable.
let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
let account = "111111111111"

func makeSimulator(seed: UInt64 = 42, directory: URL? = nil) throws -> IAMSimulator {
    try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(seed))
}

/// A fresh empty temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let trustEC2 =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
let allowRead =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#

extension IAMSimulator {
    /// Performs and returns the error, or nil on success.
    func error(_ request: IAMRequest, in accountID: String = account) async -> BackendError? {
        do {
            _ = try await perform(request, in: accountID)
            return nil
        } catch {
            return error
        }
    }

    @discardableResult
    func run(_ request: IAMRequest, in accountID: String = account) async throws -> IAMResponse {
        try await perform(request, in: accountID)
    }

    @discardableResult
    func createUser(_ name: String, path: String = "/") async throws -> IAMResponse {
        try await run(.createUser(name: name, path: path, tags: [], permissionsBoundary: nil))
    }

    @discardableResult
    func createRole(_ name: String) async throws -> IAMResponse {
        try await run(.createRole(
            name: name, path: "/", trustPolicy: trustEC2, description: nil, maxSessionDuration: 3600, tags: [],
            permissionsBoundary: nil))
    }
}

typealias PasswordPolicyInput = IAMConfCore.PasswordPolicy

extension IAMConfCore.PasswordPolicy {
    static var strict: IAMConfCore.PasswordPolicy {
        var policy = IAMConfCore.PasswordPolicy()
        policy.minimumPasswordLength = 14
        policy.requireSymbols = true
        policy.requireNumbers = true
        policy.requireUppercaseCharacters = true
        policy.requireLowercaseCharacters = true
        return policy
    }
}

let samlMetadata = #"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">"#
    + String(repeating: "<md:Extension>padding</md:Extension>", count: 30) + "</md:EntityDescriptor>"

let bucketPolicy =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*"}]}"#
