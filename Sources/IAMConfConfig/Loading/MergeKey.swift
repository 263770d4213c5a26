import Yams

/// A YAML 1.1 merge key (`<<: *base`, `<<: [*a, *b]`) being applied to one mapping.
///
/// The semantics are the YAML 1.1 merge type's (https://yaml.org/type/merge.html): keys written
/// in the mapping itself win over merged ones, and among a list of merged mappings the earlier
/// wins. Merged pairs keep their own nodes, so a problem in a merged value is reported where the
/// anchored mapping writes it.
struct MergeKey {
    /// The `<<` key, for locations.
    var key: Node
    /// Where the `<<` stood among the explicit pairs: merged pairs are placed there.
    var position: Int
    /// The merged pairs, in priority order (earlier wins).
    var sources: [(Node, Node)] = []

    /// A plain (unquoted) `<<` key; a quoted `"<<"` is an ordinary key.
    static func isMergeKey(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.string == "<<" && scalar.style == .plain
    }

    /// The explicit pairs with every merged pair whose key they do not already have.
    func applied(to explicit: [(Node, Node)]) -> [(Node, Node)] {
        var taken = Set(explicit.compactMap { $0.0.scalar?.string })
        var merged: [(Node, Node)] = []
        for (key, value) in sources {
            if let name = key.scalar?.string {
                guard taken.insert(name).inserted else { continue }
            }
            merged.append((key, value))
        }
        var result = explicit
        result.insert(contentsOf: merged, at: min(position, result.count))
        return result
    }
}
