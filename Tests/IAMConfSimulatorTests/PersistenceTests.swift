import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import Testing

@Suite struct PersistenceTests {
    private func populate(_ simulator: IAMSimulator) async throws {
        try await simulator.createUser("alice", path: "/eng/")
        try await simulator.run(.createGroup(name: "devs", path: "/"))
        try await simulator.run(.addUserToGroup(groupName: "devs", userName: "alice"))
        try await simulator.createRole("app")
        try await simulator.run(.createPolicy(name: "read", path: "/", description: "d", document: allowRead, tags: [Tag(key: "k", value: "v")]))
        try await simulator.run(.attachRolePolicy(roleName: "app", policyARN: "arn:aws:iam::111111111111:policy/read"))
        try await simulator.run(.createBucket(name: "reports-bucket"))
        try await simulator.run(.createAccountAlias(alias: "acme"), in: "222222222222")
        try await populateTheRest(simulator)
    }

    /// Every other kind of thing, with optional members both set and unset, so the hand-written
    /// writer is held to the decoder on all of them.
    private func populateTheRest(_ simulator: IAMSimulator) async throws {
        try await simulator.run(.putUserPermissionsBoundary(name: "alice", policyARN: "arn:aws:iam::111111111111:policy/read"))
        try await simulator.run(.tagUser(name: "alice", tags: [Tag(key: "team", value: "ünïcode")]))
        try await simulator.run(.createLoginProfile(userName: "alice", passwordResetRequired: true))
        try await simulator.run(.createAccessKey(userName: "alice"))
        try await simulator.run(.putUserPolicy(userName: "alice", policyName: "inline", document: allowRead))
        try await simulator.run(.putGroupPolicy(groupName: "devs", policyName: "inline", document: allowRead))
        try await simulator.run(.attachGroupPolicy(groupName: "devs", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        try await simulator.run(.createRole(
            name: "described", path: "/x/", trustPolicy: trustEC2, description: "Quote \" backslash \\ tab\t newline\n Ünï", maxSessionDuration: 7200,
            tags: [Tag(key: "a", value: "b")], permissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        try await simulator.run(.putRolePolicy(roleName: "described", policyName: "inline", document: allowRead))
        try await simulator.run(.createInstanceProfile(name: "web", path: "/", tags: [Tag(key: "t", value: "v")]))
        try await simulator.run(.addRoleToInstanceProfile(profileName: "web", roleName: "app"))
        try await simulator.run(.createPolicyVersion(policyARN: "arn:aws:iam::111111111111:policy/read", document: allowRead, setAsDefault: true))
        try await simulator.run(.createOpenIDConnectProvider(
            url: "https://token.example.com", clientIDs: ["sts.amazonaws.com"], thumbprints: [String(repeating: "a", count: 40)], tags: []))
        try await simulator.run(.createSAMLProvider(name: "corp", metadataDocument: samlMetadata, tags: []))
        try await simulator.run(.createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: nil, description: nil))
        try await simulator.run(.updateAccountPasswordPolicy(.strict))
        var minimal = PasswordPolicyInput()
        minimal.maxPasswordAge = 30
        try await simulator.run(.updateAccountPasswordPolicy(minimal), in: "222222222222")
        try await simulator.run(.putBucketPolicy(bucket: "reports-bucket", document: bucketPolicy))
    }

    @Test func worldSurvivesARoundTrip() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The real clock, so dates have fractions of a second that must survive exactly.
        let first = try IAMSimulator(directory: directory, idGenerator: .seeded(5))
        try await populate(first)
        try await first.flush()
        let second = try IAMSimulator(directory: directory)
        let reloaded = await second.snapshot
        #expect(reloaded == (await first.snapshot))
        #expect(reloaded.account(account)?.user(named: "alice")?.groups == ["devs"])
        #expect(reloaded.account("222222222222")?.alias == "acme")
        // The reloaded world keeps enforcing IAM's rules.
        #expect(await second.error(.createUser(name: "ALICE", path: "/", tags: [], permissionsBoundary: nil))?.code == .entityAlreadyExists)
    }

    @Test func fileIsVersionedAndKeysSorted() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try makeSimulator(directory: directory)
        try await simulator.createUser("bob")
        try await simulator.flush()
        let text = try String(contentsOf: directory.appendingPathComponent("simulator.json"), encoding: .utf8)
        #expect(text.hasPrefix(#"{"format":"iamconf-simulator","version":1,"world":{"accounts":{"111111111111":{"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["simulator.json"])
    }

    @Test func nothingIsWrittenBeforeFlushOrWhenNothingChanged() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("simulator.json")
        let simulator = try makeSimulator(directory: directory)
        try await simulator.createUser("bob")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(await simulator.hasUnsavedChanges)
        try await simulator.flush()
        #expect(FileManager.default.fileExists(atPath: file.path))
        try FileManager.default.removeItem(at: file)
        _ = try await simulator.run(.getUser(name: "bob"))
        _ = await simulator.error(.deleteUser(name: "nobody"))
        try await simulator.flush()
        #expect(!FileManager.default.fileExists(atPath: file.path), "a read and a failed call must not make flush write")
    }

    @Test(arguments: [
        ("garbage{", "corrupt"),
        (#"{"format":"something-else","version":1}"#, "not an iamconf simulator world"),
        (#"{"format":"iamconf-simulator","version":99,"world":{"accounts":{}}}"#, "newer than this iamconf reads"),
        (#"{"format":"iamconf-simulator","version":1,"world":{"accounts":{"1":{"id":5}}}}"#, "corrupt"),
    ])
    func unreadableFileIsRefusedAndLeftUntouched(content: String, expected: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("simulator.json")
        try Data(content.utf8).write(to: file)
        do {
            _ = try makeSimulator(directory: directory)
            Issue.record("a bad world file was accepted")
        } catch let error as BackendError {
            #expect(error.code == .storage)
            #expect(error.message.contains(expected), "\(error.message)")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == content)
    }

    @Test func failedWriteLeavesNoTemporaryFileAndStaysUnsaved() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("simulator.json")
        let simulator = try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(1))
        try await simulator.createUser("bob")
        // A non-empty directory where the file should be makes the rename fail after the temporary file is written.
        try FileManager.default.createDirectory(at: file.appendingPathComponent("blocker"), withIntermediateDirectories: true)
        await #expect(throws: BackendError.self) { try await simulator.flush() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["simulator.json"])
        #expect(await simulator.hasUnsavedChanges, "a failed flush must be retried by the next one")
    }

    @Test func storeCreatesMissingDirectory() async throws {
        let parent = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let directory = parent.appendingPathComponent(".iamconf")
        let simulator = try makeSimulator(directory: directory)
        try await simulator.createUser("bob")
        try await simulator.flush()
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("simulator.json").path))
    }
}
