import Foundation
import IAMConfCore
@testable import IAMConfState

/// A fresh directory under the system temp directory, removed by the caller with `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/iamconf-state-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func cleanUp() {
        _ = chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum Samples {
    static let lineage = "0f6c2d8e-3b1a-4c55-9f7e-2a4b6c8d0e1f"

    static func address(_ text: String) -> Address {
        Address(parsing: text) ?? Address(account: "invalid", kind: .alias)  // a typo in a test shows as a mismatch
    }

    /// A small state touching every member: a policy document whose key order and number
    /// spellings must survive, a secret, dependencies, escapes and non-ASCII text.
    static func smallState() -> State {
        let document = JSONValue.object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Sid", .string("AllowS3")), ("Effect", .string("Allow")),
                ("Action", .array([.string("s3:GetObject"), .string("s3:PutObject")])),
                ("Resource", .string("arn:aws:s3:::shared-reports/*")),
                ("Condition", .object([("NumericLessThan", .object([("aws:MultiFactorAuthAge", .number("3600.0"))]))])),
            ])])),
        ])
        let user = ResourceState(
            address: address("target.user.alice"), type: ResourceType(rawValue: "user"), accountID: "111111111111",
            attributes: ["path": .string("/engineering/"), "tags": .object([("team", .string("platform")), ("note", .string("Zoë \"quoted\"\n\ttab \\ back"))])],
            outputs: ["arn": "arn:aws:iam::111111111111:user/engineering/alice", "unique_id": "AIDAEXAMPLE000000001"])
        let policy = ResourceState(
            address: address("target.policy.AssumeS3Access"), type: ResourceType(rawValue: "policy"), accountID: "111111111111",
            attributes: ["document": document, "path": .string("/"), "description": .null, "enabled": .bool(true)],
            outputs: ["arn": "arn:aws:iam::111111111111:policy/AssumeS3Access", "default_version_id": "v1"])
        let attachment = ResourceState(
            address: address("target.user.alice.policy[AssumeS3Access]"), type: ResourceType(rawValue: "user_policy_attachment"),
            accountID: "111111111111", dependencies: [user.address, policy.address])
        let key = ResourceState(
            address: address("target.user.alice.access_key[1]"), type: ResourceType(rawValue: "access_key"), accountID: "111111111111",
            attributes: ["status": .string("Active")], outputs: ["access_key_id": "AKIAEXAMPLE000000001"],
            secrets: ["secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], dependencies: [user.address])
        let resources = [user, policy, attachment, key]
        return State(
            lineage: lineage, serial: 3, backend: BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:5000"),
            resources: Dictionary(uniqueKeysWithValues: resources.map { ($0.address, $0) }))
    }

    /// `count` resources of a realistic mix (users, policies with documents, attachments).
    static func largeState(_ count: Int) -> State {
        var resources: [Address: ResourceState] = [:]
        for index in 0..<count {
            let resource: ResourceState
            switch index % 3 {
            case 0:
                resource = ResourceState(
                    address: Address(account: "acct\(index % 7)", kind: .user, name: "user\(index)"), type: ResourceType(rawValue: "user"),
                    accountID: "111111111111", attributes: ["path": .string("/"), "tags": .object([("team", .string("t\(index % 13)"))])],
                    outputs: ["arn": "arn:aws:iam::111111111111:user/user\(index)", "unique_id": "AIDA\(index)"])
            case 1:
                resource = ResourceState(
                    address: Address(account: "acct\(index % 7)", kind: .policy, name: "policy\(index)"), type: ResourceType(rawValue: "policy"),
                    accountID: "111111111111",
                    attributes: ["document": .object([("Version", .string("2012-10-17")), ("Statement", .array([.object([
                        ("Effect", .string("Allow")), ("Action", .string("s3:GetObject")),
                        ("Resource", .string("arn:aws:s3:::bucket\(index)/*")),
                    ])]))])],
                    outputs: ["arn": "arn:aws:iam::111111111111:policy/policy\(index)"])
            default:
                resource = ResourceState(
                    address: Address(account: "acct\(index % 7)", kind: .user, name: "user\(index - 2)", sub: "policy", key: "policy\(index - 1)"),
                    type: ResourceType(rawValue: "user_policy_attachment"), accountID: "111111111111",
                    dependencies: [Address(account: "acct\(index % 7)", kind: .user, name: "user\(index - 2)")])
            }
            resources[resource.address] = resource
        }
        return State(lineage: lineage, serial: 1, resources: resources)
    }
}

extension StateFile {
    static func encodedText(_ state: State) -> String { String(decoding: encode(state), as: UTF8.self) }
}

func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}

func fileBytes(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
}

func writeFile(_ path: String, _ text: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

/// Runs `body` expecting a `StateError`, returning it (or nil when nothing or something else was thrown).
func stateError(_ body: () throws -> Void) -> StateError? {
    do {
        try body()
        return nil
    } catch let error as StateError {
        return error
    } catch {
        return nil
    }
}
