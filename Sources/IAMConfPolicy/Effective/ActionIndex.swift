/// The action catalog laid out flat, so that what a statement's `Action` or `NotAction` matches is
/// an `ActionSet` and effective access is set algebra plus a few engine decisions.
///
/// Built once per catalog (about 20,500 actions; a few milliseconds), then read-only.
struct ActionIndex: Sendable {
    /// One service's actions are the positions `range` of `actions`.
    struct ServiceSpan: Sendable {
        var prefix: String
        var range: Range<Int>
    }

    let actions: [ActionInfo]
    /// `s3:GetObject` for each action, made once.
    let qualifiedNames: [String]
    let services: [ServiceSpan]
    /// The service span of each action.
    let serviceOfAction: [Int32]
    /// The kind of resource each action takes, as an index into `resourceKinds`.
    let resourceKindOfAction: [Int32]
    /// The ARN services (`s3`, `iam`) an action's resource types live in; empty for an action that
    /// takes only `"Resource": "*"`, `["*"]` when a format could not be read (anything goes).
    let resourceKinds: [[String]]
    /// The actions of each resource kind.
    let kindSets: [ActionSet]
    /// The actions whose resource types live in a service (`s3`), by that service.
    let byResourceService: [String: ActionSet]
    /// The actions with a resource type whose ARN format could not be read (any ARN fits).
    let anyResource: ActionSet
    /// The actions that take some resource type (not only `*`).
    let withResourceTypes: ActionSet
    /// Each action's access level, as its position in `AccessLevel.allCases`.
    let levelOfAction: [UInt8]
    /// How many actions each service has at each access level.
    let levelCounts: [[Int]]
    private let positions: [String: Int]

    static let shared = ActionIndex(ActionCatalog.shared)

    init(_ catalog: ActionCatalog) {
        var actions: [ActionInfo] = []
        var services: [ServiceSpan] = []
        var serviceOfAction: [Int32] = []
        var kindOfAction: [Int32] = []
        var kinds: [[String]] = []
        var kindPositions: [[String]: Int32] = [:]
        var positions: [String: Int] = [:]
        actions.reserveCapacity(21_000)
        positions.reserveCapacity(21_000)
        for service in catalog.services {
            let start = actions.count
            for action in service.actions {
                positions[action.qualifiedName.lowercased()] = actions.count
                actions.append(action)
                serviceOfAction.append(Int32(services.count))
                let kind = Self.resourceServices(of: action)
                if let known = kindPositions[kind] {
                    kindOfAction.append(known)
                } else {
                    kindPositions[kind] = Int32(kinds.count)
                    kindOfAction.append(Int32(kinds.count))
                    kinds.append(kind)
                }
            }
            services.append(ServiceSpan(prefix: service.prefix, range: start..<actions.count))
        }
        self.actions = actions
        self.qualifiedNames = actions.map(\.qualifiedName)
        var kindSets = Array(repeating: ActionSet(capacity: actions.count), count: kinds.count)
        for (position, kind) in kindOfAction.enumerated() { kindSets[Int(kind)].insert(position) }
        self.kindSets = kindSets
        var byService: [String: ActionSet] = [:]
        var anyResource = ActionSet(capacity: actions.count)
        var withTypes = ActionSet(capacity: actions.count)
        for (kind, services) in kinds.enumerated() {
            if !services.isEmpty { withTypes.formUnion(kindSets[kind]) }
            for service in services {
                if service == "*" { anyResource.formUnion(kindSets[kind]) } else { byService[service, default: ActionSet(capacity: actions.count)].formUnion(kindSets[kind]) }
            }
        }
        self.byResourceService = byService
        self.anyResource = anyResource
        self.withResourceTypes = withTypes
        let levels = AccessLevel.allCases
        self.levelOfAction = actions.map { UInt8(levels.firstIndex(of: $0.accessLevel) ?? 0) }
        self.levelCounts = services.map { span in
            var counts = Array(repeating: 0, count: levels.count)
            for position in span.range { counts[levels.firstIndex(of: actions[position].accessLevel) ?? 0] += 1 }
            return counts
        }
        self.services = services
        self.serviceOfAction = serviceOfAction
        self.resourceKindOfAction = kindOfAction
        self.resourceKinds = kinds
        self.positions = positions
    }

    var count: Int { actions.count }

    var all: ActionSet { ActionSet(capacity: count, range: 0..<count) }

    var empty: ActionSet { ActionSet(capacity: count) }

    /// The position of `service:Name` (any case).
    func position(of qualifiedName: String) -> Int? { positions[qualifiedName.lowercased()] }

    /// Every action a policy's action pattern matches (`s3:Get*`, `*`, `iam:?etUser`), as
    /// `ActionCatalog.actions(matching:)` finds them.
    func matching(_ pattern: String) -> ActionSet {
        var set = empty
        if pattern == "*" { return all }
        guard let colon = pattern.firstIndex(of: ":") else { return set }
        guard pattern.utf8.contains(where: Self.isWildcard) else {
            if let position = position(of: pattern) { set.insert(position) }
            return set
        }
        let serviceGlob = Glob(String(pattern[..<colon]), caseInsensitive: true)
        let nameGlob = Glob(String(pattern[pattern.index(after: colon)...]), caseInsensitive: true)
        for service in services where Self.matches(serviceGlob, service.prefix) {
            for position in service.range where nameGlob.isMatchAll || Self.matches(nameGlob, actions[position].name) {
                set.insert(position)
            }
        }
        return set
    }

    /// What an `Action` (or, negated, `NotAction`) element matches.
    func matching(_ element: ValueListElement) -> ActionSet {
        var set = empty
        for pattern in element.values { set.formUnion(matching(pattern)) }
        return element.isNegated ? set.inverted(capacity: count) : set
    }

    /// The actions of one service.
    func serviceSet(_ service: Int) -> ActionSet { ActionSet(capacity: count, range: services[service].range) }

    /// The actions that can take `resource` (see `accepts(kind:resource:)`).
    func accepting(_ resource: String) -> ActionSet {
        guard resource != "*", let service = Self.arnService(resource) else { return all }
        if service.utf8.contains(where: Self.isWildcard) { return resource.hasPrefix("arn:*") ? all : withResourceTypes }
        return (byResourceService[service.lowercased()] ?? empty).union(anyResource)
    }

    /// Whether a statement's resource pattern can name a resource this action takes: `*` always;
    /// otherwise the ARN's service must be one of the action's resource types' (or a wildcard), and
    /// an action that takes only `*` takes nothing narrower. Approximate on purpose: the resource
    /// type within the service (a bucket or an object) is not told apart.
    func accepts(kind: Int, resource: String) -> Bool {
        accepts(kind: kind, resource: resource, service: resource == "*" ? nil : Self.arnService(resource))
    }

    private func accepts(kind: Int, resource: String, service: String?) -> Bool {
        if resource == "*" { return true }
        guard let service else { return true }
        let wanted = resourceKinds[kind]
        if service.utf8.contains(where: Self.isWildcard) { return !wanted.isEmpty || resource.hasPrefix("arn:*") }
        if wanted.isEmpty { return false }
        return wanted.contains("*") || wanted.contains(service.lowercased())
    }

    static func isWildcard(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") }

    static func arnService(_ text: String) -> String? {
        guard text.hasPrefix("arn:") else { return nil }
        let parts = text.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[2]) : nil
    }

    private static func resourceServices(of action: ActionInfo) -> [String] {
        var services = Set<String>()
        for type in action.resourceTypes {
            guard let service = arnService(type.arnFormat), !service.utf8.contains(UInt8(ascii: "$")) else { return ["*"] }
            services.insert(service.lowercased())
        }
        return services.sorted()
    }

    private static func matches(_ glob: Glob, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { glob.matches($0) }
    }
}
