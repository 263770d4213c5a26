import Foundation
import IAMConfCore
import IAMConfPolicy
import Synchronization

extension ConfigurationDecoder {
    /// Decodes the accounts, in parallel when there are several: once the symbol table is built,
    /// accounts only read it, and decoding is a large part of loading a big configuration.
    /// Each account gets its own copy of the decoder; problems and alias locations are merged after.
    mutating func decodeAccounts(_ accounts: [AccountSymbols]) -> [Account] {
        guard accounts.count > 1 else { return accounts.map { decodeAccount($0) } }
        let shared = SharedInput(template: self, accounts: accounts)
        let results = Parallel.map(count: accounts.count) { index in
            var worker = shared.template
            worker.diagnostics = []
            worker.aliasLocations = [:]
            worker.lintFindings = []
            let account = worker.decodeAccount(shared.accounts[index])
            return AccountResult(account: account, diagnostics: worker.diagnostics, aliases: worker.aliasLocations, lintFindings: worker.lintFindings)
        }
        var decoded: [Account] = []
        for result in results {
            decoded.append(result.account)
            diagnostics += result.diagnostics
            lintFindings += result.lintFindings
            aliasLocations.merge(result.aliases) { first, _ in first }
        }
        return decoded
    }
}

/// The decoder and symbol table, read (never written) by every parallel account decoder.
///
/// Unchecked because Yams' `Node` is not `Sendable`: its `Tag` resolves its name lazily when nodes
/// are compared or hashed. Yams' parser already compared and hashed every mapping key (its
/// duplicate-key check), and the decoder never reads, hashes or compares value nodes' tags, so the
/// trees are only read here.
private struct SharedInput: @unchecked Sendable {
    let template: ConfigurationDecoder
    let accounts: [AccountSymbols]
}

/// The nodes the configuration may still convert to JSON, spent by every account's decoder.
final class NodeBudget: Sendable {
    private let left: Atomic<Int>

    init(_ nodes: Int) {
        left = Atomic(nodes)
    }

    /// Spends one node and returns how many are left (zero or less: the budget is exhausted).
    func spend() -> Int {
        left.subtract(1, ordering: .relaxed).newValue
    }

    var remains: Bool { left.load(ordering: .relaxed) > 0 }
}

/// One account's decoding, with the problems and alias locations found on the way.
private struct AccountResult {
    var account: Account
    var diagnostics: [Diagnostic]
    var aliases: [String: SourceLocation]
    var lintFindings: [PolicyFinding]
}
