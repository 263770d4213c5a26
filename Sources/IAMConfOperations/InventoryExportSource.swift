import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState

/// A backend's accounts as the source of `iamconf export`: every object IAM lists there, read by
/// `AccountInventory` in the shapes an applied state holds, from an endpoint (moto_server,
/// `iamconf serve`, an IAM-compatible service) or from a simulator world.
///
/// An endpoint cannot say which accounts exist, so they are named (`--accounts`); a simulator world
/// knows its accounts, and all of them are read unless some are named.
public struct InventoryExportSource: ExportSource {
    public var connection: BackendConnection
    /// Where the simulator's world is (`.iamconf/` of the directory named), for `--backend simulator`.
    public var simulatorDirectory: String
    public var parallelism: Int

    public init(connection: BackendConnection, simulatorDirectory: String, parallelism: Int = 10) {
        self.connection = connection
        self.simulatorDirectory = simulatorDirectory
        self.parallelism = parallelism
    }

    /// The accounts behind an endpoint URL.
    public static func endpoint(_ url: String) -> InventoryExportSource {
        InventoryExportSource(connection: BackendConnection(descriptor: BackendDescriptor(kind: .endpoint, endpoint: url)), simulatorDirectory: "")
    }

    /// The simulator world of the configuration directory `path` (its `.iamconf/`).
    public static func simulator(in path: String) -> InventoryExportSource {
        InventoryExportSource(connection: BackendConnection(descriptor: .simulator), simulatorDirectory: (path as NSString).appendingPathComponent(".iamconf"))
    }

    public var origin: String {
        connection.descriptor.kind == .simulator ? "the simulator's world in \(simulatorDirectory)" : "the endpoint \(connection.descriptor.endpoint ?? "")"
    }

    public func read(accounts: Set<String>?, observer: some OperationObserver) async throws(OperationError) -> ExportInput {
        let isSimulator = connection.descriptor.kind == .simulator
        if isSimulator, !FileManager.default.fileExists(atPath: (simulatorDirectory as NSString).appendingPathComponent("simulator.json")) {
            throw OperationError(
                "there is no simulator world in \(simulatorDirectory)",
                hint: "name the directory whose configuration was applied (its .iamconf/ holds the world), or use --from-state")
        }
        let backend = try BackendFactory(simulatorDirectory: simulatorDirectory).makeBackend(connection, parallelism: parallelism)
        let ids: [String]
        if let accounts {
            ids = accounts.sorted()
        } else if let simulator = backend as? IAMSimulator {
            ids = await simulator.snapshot.accounts.keys.sorted()
        } else {
            throw OperationError(
                "an endpoint cannot list its accounts: name them with --accounts",
                hint: "for example: iamconf export --backend endpoint --endpoint-url URL --accounts 111111111111,222222222222 --out DIR")
        }
        let inventory = AccountInventory(backend: backend, parallelism: parallelism, includesServiceLinkedRoles: true)
        var resources: [ResourceState] = []
        for id in ids {
            do throws(BackendError) {
                resources += try await inventory.read(account: "account_\(id)", accountID: id)
            } catch {
                throw OperationError(
                    "cannot read account \(id) from \(origin): \(error.message)",
                    hint: isSimulator ? "check the account id" : "check the account id and that the credentials can act in it (iamconf assumes its access role there)")
            }
        }
        let files = isSimulator
            ? ["simulator.json", "objects.json"].map { (simulatorDirectory as NSString).appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0) }
            : []
        return ExportInput(resources: resources, backend: connection.descriptor, simulatorFiles: files)
    }
}
