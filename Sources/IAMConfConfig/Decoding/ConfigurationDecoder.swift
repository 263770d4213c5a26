import IAMConfCore
import IAMConfPolicy
import Yams

/// Walks the composed YAML of every file and builds the resolved `Configuration`.
///
/// Two phases: `collectSymbols` first learns every account and entity name, id and ARN; `decode`
/// then reads everything else, so each reference is resolved the moment it is read, with the node
/// (and so the line:column) still in hand.
/// Problems are collected, never thrown: a bad value is reported and left out, and decoding goes on.
struct ConfigurationDecoder {
    var symbols: SymbolTable
    let catalog: ManagedPolicyCatalog
    var diagnostics: [Diagnostic] = []
    /// The file the nodes being read come from; locations are built from it.
    var file = ""
    /// YAML aliases share nodes, so a small file can stand for billions of them ("billion laughs");
    /// this bounds the nodes converted to JSON across the whole configuration, shared by the
    /// accounts decoded in parallel.
    let nodeBudget: NodeBudget
    /// Where each account's alias is written, for the cross-account duplicate-alias check.
    var aliasLocations: [String: SourceLocation] = [:]
    /// Whether policy documents are linted as they are read (`iamconf lint`, `validate`).
    var lintsPolicies = false
    /// The lint findings of every document read, placed at their line:column.
    var lintFindings: [PolicyFinding] = []

    init(symbols: SymbolTable, catalog: ManagedPolicyCatalog, nodeBudget: Int) {
        self.symbols = symbols
        self.catalog = catalog
        self.nodeBudget = NodeBudget(nodeBudget)
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ code: String, _ summary: String, hint: String? = nil, at node: Node, address: String? = nil) {
        diagnostics.append(.error(code, summary, hint: hint, at: location(node), address: address))
    }

    mutating func warning(_ code: String, _ summary: String, hint: String? = nil, at node: Node, address: String? = nil) {
        diagnostics.append(.warning(code, summary, hint: hint, at: location(node), address: address))
    }

    /// The whole configuration: accounts in order of first appearance, then expectations.
    mutating func decode(rootFields: [(file: String, fields: Fields)]) -> Configuration {
        var configuration = Configuration()
        configuration.backend = decodeBackend(rootFields)
        configuration.state = decodeState(rootFields)
        configuration.accounts = decodeAccounts(symbols.accounts)
        checkAliases(configuration.accounts, locations: aliasLocations)
        configuration.organization = decodeOrganization(rootFields)
        for (rootFile, fields) in rootFields {
            file = rootFile
            if let list = fields["expectations"] { configuration.expectations += decodeExpectations(list) }
            if let lint = fields["lint"] { configuration.lintSuppressions += decodeLintSettings(lint) }
        }
        warnDuplicateNames(configuration.expectations)
        return configuration
    }

    private mutating func decodeBackend(_ rootFields: [(file: String, fields: Fields)]) -> BackendSettings? {
        var settings: BackendSettings?
        var first = ""
        for (rootFile, rootFields) in rootFields {
            file = rootFile
            guard let node = rootFields["backend"] else { continue }
            if settings != nil {
                error("duplicate-setting", "'backend' is already set at \(first)", hint: "set the backend in one file only", at: rootFields.keyNode("backend") ?? node)
                // Still read it, so the problems inside are reported too; the first block wins.
                _ = decodeBackendBlock(node)
                continue
            }
            settings = decodeBackendBlock(node)
            first = "\(rootFile):\((rootFields.keyNode("backend") ?? node).mark?.line ?? 1)"
        }
        return settings
    }

    private mutating func decodeBackendBlock(_ node: Node) -> BackendSettings? {
        guard let fields = fields(node, keys: ConfigurationKeys.backend, what: "backend") else { return nil }
        var kind = BackendSettings.Kind.simulator
        if let kindNode = fields["kind"], let text = string(kindNode, what: "backend kind") {
            if let parsed = BackendSettings.Kind(rawValue: text) {
                kind = parsed
            } else {
                error("invalid-value", "unknown backend kind '\(text)'", hint: "use 'simulator' or 'endpoint'", at: kindNode)
            }
        }
        var settings = BackendSettings(kind: kind, location: location(node))
        settings.url = fields["url"].flatMap { string($0, what: "backend url") }
        if let url = settings.url, let problem = BackendURL.problem(with: url) {
            error("invalid-url", "'\(url)' is not an http(s) URL: \(problem)", hint: "e.g. http://127.0.0.1:5000 for a local moto_server", at: fields["url"] ?? node)
        }
        settings.region = fields["region"].flatMap { string($0, what: "backend region") }
        if kind == .endpoint, settings.url == nil {
            error("missing-key", "an endpoint backend needs a 'url'", hint: "add url: http://127.0.0.1:5000 (for example)", at: node)
        }
        return settings
    }
}
