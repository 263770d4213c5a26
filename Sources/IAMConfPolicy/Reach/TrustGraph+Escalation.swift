/// Privilege-escalation paths: who can reach administrator-equivalent access, and how.
extension TrustGraph {
    /// The administrators, every escalation edge that leaves a user or role that is not one, and for
    /// each such principal with a way up, its shortest path (unconditional edges preferred), at most
    /// `maximumChainLength` edges. Cycles are walked once.
    public func escalationReport() -> EscalationReport {
        let identities = principals.indices.filter { principals[$0].hasKnownIdentitySide }
        var administrators: [Int: Administrator] = [:]
        for index in identities where directory.mayAllowSomewhere(index, AdministratorEquivalence.action) {
            let everything = directory.reach(
                index, action: AdministratorEquivalence.action, resource: AdministratorEquivalence.resource,
                target: AccessAnalyzer.ResourceTarget())
            administrators[index] = everything.map { Administrator(principal: principals[index], access: $0) }
        }
        let finder = EscalationFinder(graph: self)
        var edges: [EscalationEdge] = []
        for index in identities where administrators[index] == nil { edges += finder.edges(from: index) }
        let paths = shortestPaths(over: edges, administrators: administrators)
        return EscalationReport(
            trustEdges: self.edges, administrators: administrators.keys.sorted().compactMap { administrators[$0] }, edges: edges,
            paths: paths, notes: notes)
    }

    /// Breadth first, backwards from administrator-equivalent access and the administrators.
    private func shortestPaths(over edges: [EscalationEdge], administrators: [Int: Administrator]) -> [EscalationPath] {
        var into: [Int?: [Int]] = [:]
        for (number, edge) in edges.enumerated() { into[edge.toIndex, default: []].append(number) }
        for key in into.keys {
            into[key]?.sort { a, b in
                let (x, y) = (edges[a], edges[b])
                return (x.conditions.isEmpty ? 0 : 1, x.from.name, x.method.order) < (y.conditions.isEmpty ? 0 : 1, y.from.name, y.method.order)
            }
        }
        var next: [Int: Int] = [:]
        var frontier: [Int?] = [nil] + administrators.keys.sorted().map { Optional($0) }
        var depth = 0
        while !frontier.isEmpty, depth < Self.maximumChainLength {
            depth += 1
            var reached: [Int?] = []
            for node in frontier {
                for number in into[node] ?? [] {
                    let from = edges[number].fromIndex
                    guard next[from] == nil, administrators[from] == nil else { continue }
                    next[from] = number
                    reached.append(from)
                }
            }
            frontier = reached
        }
        return next.keys.sorted().map { start in
            var path: [EscalationEdge] = []
            var at: Int? = start
            while let node = at, let number = next[node] {
                path.append(edges[number])
                at = edges[number].toIndex
            }
            return EscalationPath(principal: principals[start], edges: path, administrator: at.flatMap { administrators[$0] })
        }
    }
}
