import IAMConfCore
import IAMConfEngine
import IAMConfState

/// Reads the inventory of every account the configuration declares and finds what neither the
/// configuration nor the state holds (`plan --refresh`, `refresh`; never a plain `plan`, which
/// reads nothing from the backend).
enum UnmanagedObjectsReader {
    /// Accounts are read one after another, each with up to `parallelism` reads at once.
    static func read(
        configuration: Configuration, desired: [Resource], state: State?, connection: BackendConnection, factory: BackendFactory,
        parallelism: Int
    ) async throws(OperationError) -> UnmanagedReport {
        guard !configuration.accounts.isEmpty else { return UnmanagedReport() }
        let backend = try factory.makeBackend(connection, parallelism: parallelism)
        var declared = desired.map { (type: $0.type, accountID: $0.accountID, attributes: $0.attributes) }
        declared += (state?.sortedResources ?? []).map { (type: $0.type, accountID: $0.accountID, attributes: $0.attributes) }
        var reports: [UnmanagedReport] = []
        for account in configuration.accounts {
            let inventory: [ResourceState]
            do {
                inventory = try await AccountInventory(backend: backend, parallelism: parallelism).read(account: account.name, accountID: account.id)
            } catch {
                throw OperationError(
                    "reading the objects of account \(account.name) (\(account.id)) failed: \(error)",
                    hint: "nothing was changed; check the backend and run again")
            }
            let mine = declared.filter { $0.accountID == account.id }
            reports.append(UnmanagedReport.find(inventory: inventory, declared: mine, ownership: account.ownership))
        }
        return UnmanagedReport.merged(reports)
    }
}
