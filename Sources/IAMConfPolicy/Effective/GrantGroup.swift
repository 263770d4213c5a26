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
    /// In a plan's delta: when the change is one of conditions, how the grant stands on the other side.
    public var comparison: GrantComparison?

    public init(
        scope: Scope, service: String? = nil, accessLevel: AccessLevel? = nil, actions: [String] = [], actionCount: Int,
        totalCount: Int, excludedServices: [String] = [], resources: [String], conditions: [ConditionClause] = [],
        unless: [[ConditionClause]] = [], exceptions: [String] = [], comparison: GrantComparison? = nil
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
        self.comparison = comparison
    }

    /// How many action names a line lists before it says how many more there are.
    public static let listedActions = 8
    /// How many resources a line lists.
    public static let listedResources = 4

    /// `s3 Write (2 of 110): PutObject, DeleteObject on arn:aws:s3:::reports/* when ...`.
    public var text: String {
        let shown = resources.count > Self.listedResources + 1 ? Array(resources.prefix(Self.listedResources)) + ["+\(resources.count - Self.listedResources) more"] : resources
        let on = " on " + shown.joined(separator: ", ")
            + GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: exceptions) + (comparison?.text ?? "")
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

    /// Order: all actions first, then by service, access level, resources and conditions.
    var sortKey: String {
        let scopeRank = scope == .allActions ? "0" : "1"
        let level = accessLevel.map { String(AccessLevel.allCases.firstIndex(of: $0) ?? 9) } ?? "0"
        var key = "\(scopeRank)\u{1}\(service ?? "")\u{1}\(level)\u{1}\(resources.joined(separator: ","))"
        if !conditions.isEmpty || !unless.isEmpty || !exceptions.isEmpty {
            key += "\u{1}" + GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: exceptions)
        }
        return key
    }
}

extension GrantGroup {
    /// The groups for grant sets: merged by shape, then said by service and access level, then
    /// lines that differ only in their resources merged.
    static func groups(_ sets: [GrantSet], index: ActionIndex, cache: DescriptionCache? = nil) -> [GrantGroup] {
        var byShape: [GrantShape: ActionSet] = [:]
        var order: [GrantShape] = []
        for set in sets where !set.actions.isEmpty {
            if byShape[set.shape] == nil { order.append(set.shape) }
            byShape[set.shape, default: index.empty].formUnion(set.actions)
        }
        var described: [(group: GrantGroup, actions: ActionSet)] = []
        for shape in order {
            guard let actions = byShape[shape] else { continue }
            if let cache {
                let key = GrantSet(shape: shape, actions: actions)
                if let known = cache.descriptions[key] {
                    described += known
                } else {
                    let made = describe(actions, shape: shape, index: index)
                    cache.descriptions[key] = made
                    described += made
                }
            } else {
                described += describe(actions, shape: shape, index: index)
            }
        }
        let groups = merged(described)
        let keys = groups.map(\.sortKey)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { groups[$0] }
    }

    /// One shape's actions: every action, whole services, or access levels; each with the actions it stands for.
    static func describe(_ actions: ActionSet, shape: GrantShape, index: ActionIndex) -> [(group: GrantGroup, actions: ActionSet)] {
        func group(_ scope: Scope, service: String? = nil, level: AccessLevel? = nil, names: [String] = [], count: Int, total: Int, excluded: [String] = []) -> GrantGroup {
            GrantGroup(
                scope: scope, service: service, accessLevel: level, actions: names, actionCount: count, totalCount: total,
                excludedServices: excluded, resources: [shape.resource], conditions: shape.conditions, unless: shape.unless,
                exceptions: shape.exceptions, comparison: shape.comparison)
        }
        let total = actions.count
        if total == index.count { return [(group(.allActions, count: total, total: index.count), actions)] }
        var full: [Int] = []
        var partial: [Int] = []
        for (s, service) in index.services.enumerated() {
            let n = actions.count(in: service.range)
            if n == 0 { continue }
            if n == service.range.count { full.append(s) } else { partial.append(s) }
        }
        var out: [(group: GrantGroup, actions: ActionSet)] = []
        if full.count > index.services.count / 2 {
            let fullSet = Set(full)
            var covered = index.empty
            for s in full { covered.formUnion(index.serviceSet(s)) }
            let excluded = index.services.indices.filter { !fullSet.contains($0) }.map { index.services[$0].prefix }
            out.append((group(.allActions, count: covered.count, total: index.count, excluded: excluded), covered))
        } else {
            for s in full {
                let service = index.services[s]
                // A one-action service reads better by its action's name than as "all 1 actions".
                if service.range.count == 1 {
                    partial.append(s)
                    continue
                }
                out.append((group(.service, service: service.prefix, count: service.range.count, total: service.range.count), index.serviceSet(s)))
            }
            partial.sort()
        }
        let levels = AccessLevel.allCases
        for s in partial {
            let service = index.services[s]
            var names = Array(repeating: [String](), count: levels.count)
            var sets = Array(repeating: index.empty, count: levels.count)
            actions.forEach(in: service.range) { position in
                let level = Int(index.levelOfAction[position])
                names[level].append(index.qualifiedNames[position])
                sets[level].insert(position)
            }
            for (l, level) in levels.enumerated() where !names[l].isEmpty {
                out.append((group(.accessLevel, service: service.prefix, level: level, names: names[l], count: names[l].count, total: index.levelCounts[s][l]), sets[l]))
            }
        }
        return out
    }

    /// Lines that say the same about different resources become one line with several resources.
    static func merged(_ groups: [(group: GrantGroup, actions: ActionSet)]) -> [GrantGroup] {
        /// Hashes what is cheap to hash (an action set is 321 words); equality still compares all.
        struct Key: Hashable {
            var shape: GrantShape
            var scope: Scope
            var service: String?
            var count: Int
            var actions: ActionSet

            func hash(into hasher: inout Hasher) {
                hasher.combine(shape)
                hasher.combine(scope)
                hasher.combine(service)
                hasher.combine(count)
            }
        }
        var out: [GrantGroup] = []
        var positions: [Key: Int] = [:]
        for (group, actions) in groups {
            guard group.exceptions.isEmpty, group.comparison == nil else {
                out.append(group)
                continue
            }
            let key = Key(
                shape: GrantShape(resource: "", conditions: group.conditions, unless: group.unless, exceptions: []), scope: group.scope,
                service: group.service, count: group.actionCount, actions: actions)
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

/// Descriptions of grant sets already made: principals with the same policies get the same sets
/// (everyone with ReadOnlyAccess has the same few thousand actions on `*`), and describing one
/// builds thousands of names.
final class DescriptionCache {
    var descriptions: [GrantSet: [(group: GrantGroup, actions: ActionSet)]] = [:]
}
