import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState
import Testing

/// `ExportOperation` in process, fed by a source that is not a state: the seam an account
/// inventory plugs into.
@Suite("Export operation")
struct ExportOperationTests {
    /// Resources handed over as they are, as a backend's inventory would hand them over.
    struct ListedSource: ExportSource {
        var resources: [ResourceState]
        var origin: String { "a test inventory" }

        func read(accounts: Set<String>?, observer: some OperationObserver) async throws(OperationError) -> ExportInput {
            ExportInput(resources: resources, backend: BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:1"))
        }
    }

    static let resources = [
        ResourceState(
            address: Address(account: "inventory", kind: .user, name: "carol"), type: .user, accountID: "444455556666",
            attributes: ["name": .string("carol"), "path": .string("/"), "tags": .object([]), "permissions_boundary": .null],
            outputs: ["arn": "arn:aws:iam::444455556666:user/carol"]),
        ResourceState(
            address: Address(account: "inventory", kind: .user, name: "carol", sub: "access_key", key: "1"), type: .accessKey,
            accountID: "444455556666", attributes: ["user": .string("carol"), "index": .number("1")],
            outputs: ["access_key_id": "AKIAEXAMPLE"], secrets: ["secret_access_key": "never-exported"]),
    ]

    @Test("writes the account's file and the state (with the source's backend, without secrets), and notes the secret")
    func writes() async throws {
        let temp = try TemporaryDirectory()
        let observer = RecordingObserver()
        let result = try await ExportOperation(source: ListedSource(resources: Self.resources), directory: temp.file("out")).run(observer: observer)
        #expect(result.written == [temp.file("out/account_444455556666.yaml"), temp.file("out/iamconf.state.json")])
        let yaml = try String(contentsOfFile: temp.file("out/account_444455556666.yaml"), encoding: .utf8)
        #expect(yaml.contains("      carol:\n        access_keys: 1   # exists; its secret cannot be read back\n"), "\(yaml)")
        let state = try #require(try StateStore(path: temp.file("out/iamconf.state.json")).load())
        #expect(state.backend == BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:1"))
        #expect(state.resources.keys.map(\.description).sorted() == ["account_444455556666.user.carol", "account_444455556666.user.carol.access_key[1]"])
        #expect(state.resources.values.allSatisfy { $0.secrets.isEmpty })
        #expect(observer.warnings.contains { $0.contains("1 access key exported as existing") }, "\(observer.warnings)")
    }

    @Test("refuses a non-empty directory and writes nothing there")
    func nonEmpty() async throws {
        let temp = try TemporaryDirectory()
        try temp.write("out/keep.yaml", "accounts: {}\n")
        await #expect(throws: OperationError.self) {
            _ = try await ExportOperation(source: ListedSource(resources: Self.resources), directory: temp.file("out")).run(observer: RecordingObserver())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.file("out")) == ["keep.yaml"])
    }

    @Test("a source with nothing to export is an error, not an empty directory")
    func nothing() async throws {
        let temp = try TemporaryDirectory()
        do {
            _ = try await ExportOperation(source: ListedSource(resources: []), directory: temp.file("out")).run(observer: RecordingObserver())
            Issue.record("an empty source must be refused")
        } catch {
            #expect(error.message.contains("a test inventory holds nothing to export"))
        }
        #expect(!FileManager.default.fileExists(atPath: temp.file("out")))
    }
}
