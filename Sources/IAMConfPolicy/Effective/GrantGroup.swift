/// Grants as people read them: by service and access level, with every action of a service (or
/// of every service) said in a few words instead of listed.
///
/// Self-contained (names, not catalog positions), so a plan file can carry it and `show` print it
/// as `plan` did.
public struct GrantGroup: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable {
        /// Every action of every service, or of every service but `excludedServices`.
        case allActions = "all_actions"
        /// Every action of `service`.
        case service
        /// Some (or all) actions of one access level of `service`: `actions` lists them.
        case accessLevel = "access_level"
    }

    public var scope: Scope
    public var service: String?
    public var accessLevel: AccessLevel?
    /// Qualified action names (`s3:GetObject`); only for `accessLevel`.
    public var actions: [String]
    /// How many actions the group stands for.
    public var actionCount: Int
    /// How many actions its service (or access level of its service) has in the catalog, for
    /// "3 of 57"; for `allActions`, the catalog's total.
    public var totalCount: Int
    /// For `allActions`: the services left out (they may have partial groups of their own).
    public var excludedServices: [String]
    public var resources: [String]
    public var conditions: [ConditionClause]
    public var unless: [[ConditionClause]]
    public var exceptions: [String]

    public init(
        scope: Scope, service: String? = nil, accessLevel: AccessLevel? = nil, actions: [String] = [], actionCount: Int,
        totalCount: Int, excludedServices: [String] = [], resources: [String], conditions: [ConditionClause] = [],
        unless: [[ConditionClause]] = [], exceptions: [String] = []
    ) {
        self.scope = scope
        self.service = service
        self.accessLevel = accessLevel
        self.actions = actions
        self.actionCount = actionCount
        self.totalCount = totalCount
        self.excludedServices = excludedServices
        self.resources = resources
        self.conditions = conditions
        self.unless = unless
        self.exceptions = exceptions
    }

    /// How many action names a line lists before it says how many more there are.
    public static let listedActions = 8
    /// How many resources a line lists.
    public static let listedResources = 4

    /// `s3 Write (2 of 110): PutObject, DeleteObject on arn:aws:s3:::reports/* when ...`.
    public var text: String {
        let shown = resources.count > Self.listedResources + 1 ? Array(resources.prefix(Self.listedResources)) + ["+\(resources.count - Self.listedResources) more"] : resources
        let on = " on " + shown.joined(separator: ", ")
            + GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: exceptions)
        switch scope {
        case .allActions:
            guard !excludedServices.isEmpty else { return "every action of every service" + on }
            let shown = excludedServices.prefix(Self.listedActions).joined(separator: ", ")
            let more = excludedServices.count > Self.listedActions ? ", +\(excludedServices.count - Self.listedActions) more" : ""
            return "every action of every service but \(shown)\(more) (\(actionCount) actions)" + on
        case .service:
            return "\(service ?? "?"): all \(actionCount) actions" + on
        case .accessLevel:
            let level = accessLevel?.rawValue ?? "?"
            guard actionCount < totalCount || actionCount == 1 else { return "\(service ?? "?") \(level): all \(actionCount) actions" + on }
            let names = actions.prefix(Self.listedActions).map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0 }
            let more = actions.count > Self.listedActions ? " (+\(actions.count - Self.listedActions) more)" : ""
            return "\(service ?? "?") \(level) (\(actionCount) of \(totalCount)): \(names.joined(separator: ", "))\(more)" + on
        }
    }

    /// Order: all actions first, then by service, access level and resources.
    var sortKey: String {
        let scopeRank = scope == .allActions ? "0" : "1"
        let level = accessLevel.map { String(AccessLevel.allCases.firstIndex(of: $0) ?? 9) } ?? "0"
        return "\(scopeRank)\u{1}\(service ?? "")\u{1}\(level)\u{1}\(resources.joined(separator: ","))\u{1}\(text)"
    }
}

extension GrantGroup {
    /// The groups for grant sets: merged by shape, then said by service and access level, then
    /// lines that differ only in their resources merged.
    static func groups(_ sets: [GrantSet], index: ActionIndex) -> [GrantGroup] {
        var byShape: [GrantShape: ActionSet] = [:]
        var order: [GrantShape] = []
        for set in sets where !set.actions.isEmpty {
            if byShape[set.shape] == nil { order.append(set.shape) }
            byShape[set.shape, default: index.empty].formUnion(set.actions)
        }
        var groups: [GrantGroup] = []
        for shape in order {
            guard let actions = byShape[shape] else { continue }
            groups += describe(actions, shape: shape, index: index)
        }
        return merged(groups).sorted { $0.sortKey < $1.sortKey }
    }

    /// One shape's actions: every action, whole services, or access levels.
    static func describe(_ actions: ActionSet, shape: GrantShape, index: ActionIndex) -> [GrantGroup] {
        func group(_ scope: Scope, service: String? = nil, level: AccessLevel? = nil, names: [String] = [], count: Int, total: Int, excluded: [String] = []) -> GrantGroup {
            GrantGroup(
                scope: scope, service: service, accessLevel: level, actions: names, actionCount: count, totalCount: total,
                excludedServices: excluded, resources: [shape.resource], conditions: shape.conditions, unless: shape.unless,
                exceptions: shape.exceptions)
        }
        let total = actions.count
        if total == index.count { return [group(.allActions, count: total, total: index.count)] }
        var full: [Int] = []
        var partial: [Int] = []
        for (s, service) in index.services.enumerated() {
            let n = actions.count(in: service.range)
            if n == 0 { continue }
            if n == service.range.count { full.append(s) } else { partial.append(s) }
        }
        var out: [GrantGroup] = []
        var fullCount = 0
        for s in full { fullCount += index.services[s].range.count }
        if full.count > index.services.count / 2 {
            let fullSet = Set(full)
            let excluded = index.services.indices.filter { !fullSet.contains($0) }.map { index.services[$0].prefix }
            out.append(group(.allActions, count: fullCount, total: index.count, excluded: excluded))
        } else {
            for s in full {
                let service = index.services[s]
                // A one-action service reads better by its action's name than as "all 1 actions".
                if service.range.count == 1 {
                    partial.append(s)
                    continue
                }
                out.append(group(.service, service: service.prefix, count: service.range.count, total: service.range.count))
            }
            partial.sort()
        }
        for s in partial {
            let service = index.services[s]
            var byLevel: [AccessLevel: [String]] = [:]
            var levelTotals: [AccessLevel: Int] = [:]
            for position in service.range {
                let action = index.actions[position]
                levelTotals[action.accessLevel, default: 0] += 1
                if actions.contains(position) { byLevel[action.accessLevel, default: []].append(action.qualifiedName) }
            }
            for level in AccessLevel.allCases {
                guard let names = byLevel[level] else { continue }
                out.append(group(.accessLevel, service: service.prefix, level: level, names: names, count: names.count, total: levelTotals[level] ?? names.count))
            }
        }
        return out
    }

    /// Lines that say the same about different resources become one line with several resources.
    static func merged(_ groups: [GrantGroup]) -> [GrantGroup] {
        var out: [GrantGroup] = []
        var positions: [GrantGroup: Int] = [:]
        for group in groups {
            guard group.exceptions.isEmpty else {
                out.append(group)
                continue
            }
            var key = group
            key.resources = []
            if let at = positions[key] {
                out[at].resources += group.resources
            } else {
                positions[key] = out.count
                out.append(group)
            }
        }
        return out
    }
}
