import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Adoption: a create found its object already there (made by an interrupted apply, by a create
/// whose answer was lost, or by hand).
extension ChangeExecutor {
    /// Takes over the existing object when it is the desired one, or when iamconf made it (then
    /// whatever differs is updated, or the object is made anew where IAM cannot change it in place).
    /// Anything else is someone else's object: refused with the import command that adopts it.
    func adopt(_ resource: Resource, _ kind: any ResourceKind, isClaimed: Bool, refused: BackendError) async throws(BackendError) -> Created {
        let calls = BackendCalls(backend: backend, claim: isClaimed ? claim : nil)
        guard let live = try await kind.read(ObjectKey(resource), calls) else { throw refused }
        let differing = Set(LiveComparison(kind: kind, documentsEqual: documentsEqual).differences(resource.attributes, live).map(\.name))
        guard isClaimed || (kind.adoptsUnclaimed && differing.isEmpty) else {
            throw notAdoptable(resource, kind, refused: refused, differing: differing)
        }
        var state = newState(resource)
        state.outputs = live.outputs.filter { kind.outputs.contains($0.key) }
        if !differing.isEmpty {
            var found = state
            found.attributes.merge(live.attributes.filter { !live.unreported.contains($0.key) }) { _, live in live }
            if !differing.isDisjoint(with: kind.replacingAttributes) {
                // iamconf's own object, but IAM cannot change this in place: make it anew.
                try await kind.delete(found, calls)
                var made = newState(resource)
                record(try await kind.create(resource, calls), kind, into: &made)
                return Created(state: made, wasAdopted: false)
            }
            let assigned = try await kind.update(found, to: resource, changed: differing, calls)
            state.outputs.merge(assigned.outputs) { _, new in new }
            state.secrets.merge(assigned.secrets) { _, new in new }
        }
        if let response = try await kind.completeAdoption(resource, calls) { record(response, kind, into: &state) }
        return Created(state: state, wasAdopted: true)
    }

    private func notAdoptable(_ resource: Resource, _ kind: any ResourceKind, refused: BackendError, differing: Set<String>) -> BackendError {
        let why: String
        if !differing.isEmpty {
            why = "it exists but differs from the configuration (\(differing.sorted().joined(separator: ", "))), and iamconf did not create it"
        } else {
            why = "it exists, iamconf did not create it, and iamconf cannot know its secret"
        }
        let message = "\(refused.message) — \(why); to manage it, run `iamconf import \(resource.address) \(kind.importID(of: resource))`"
        return BackendError(refused.code, message, rawCode: refused.rawCode, httpStatus: refused.httpStatus)
    }
}

/// Compares what the backend holds with what iamconf wants or recorded, attribute by attribute,
/// the way refresh and adoption both need: documents by meaning, unreported attributes and
/// settings left to the backend's default not at all.
struct LiveComparison: Sendable {
    let kind: any ResourceKind
    let documentsEqual: @Sendable (JSONValue, JSONValue) -> Bool

    func differences(_ stored: [String: JSONValue], _ live: LiveObject) -> [AttributeDrift] {
        var changes: [AttributeDrift] = []
        let documents = kind.documentAttributes
        for (name, after) in live.attributes.sorted(by: { $0.key < $1.key }) where !live.unreported.contains(name) {
            let before = stored[name] ?? .null
            if kind.unsetMeansDefault && before == .null { continue }
            let same = documents.contains(name) ? documentsEqual(before, after) : before == after
            if !same { changes.append(AttributeDrift(name: name, before: before, after: after)) }
        }
        return changes
    }
}
