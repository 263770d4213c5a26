import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Carries out one resource's create, update or delete through its kind, so that running it again
/// after any failure finishes the job: a create whose object already exists adopts it, and a call
/// whose answer was lost is tried again knowing it may have been performed.
struct ChangeExecutor: Sendable {
    let backend: any Backend
    /// Addresses an interrupted earlier apply was creating: objects there may be iamconf's own.
    let claimed: Set<Address>
    /// What iamconf needs to take back what it made without recording it.
    let claim: BackendCalls.Claim
    let documentsEqual: @Sendable (JSONValue, JSONValue) -> Bool

    /// Tries per operation when the connection breaks (the backend does not retry a call that
    /// changes something once it may have reached the server).
    static let attempts = 4

    /// What a create did: made the object, or found it there and adopted it.
    struct Created: Sendable {
        var state: ResourceState
        var wasAdopted: Bool
    }

    func create(_ resource: Resource) async throws(BackendError) -> Created {
        let kind = resource.type.kind
        var isClaimed = claimed.contains(resource.address)
        var attempt = 0
        while true {
            attempt += 1
            let calls = BackendCalls(backend: backend, claim: isClaimed ? claim : nil)
            do {
                do {
                    let response = try await kind.create(resource, calls)
                    var state = newState(resource)
                    record(response, kind, into: &state)
                    return Created(state: state, wasAdopted: false)
                } catch where kind.alreadyExists(error) {
                    return try await adopt(resource, kind, isClaimed: isClaimed, refused: error)
                }
            } catch where error.code == .transport && attempt < Self.attempts && !Task.isCancelled {
                // An answer was lost: the object may exist now, made by this very create (or the
                // adoption stopped halfway); either way it is iamconf's own, and trying again finishes it.
                isClaimed = true
                await pause(attempt)
            }
        }
    }

    func update(_ before: ResourceState, to after: Resource, changed: [String]) async throws(BackendError) -> ResourceState {
        let kind = after.type.kind
        let assigned = try await retrying { () async throws(BackendError) -> Assigned in
            try await kind.update(before, to: after, changed: Set(changed), BackendCalls(backend: backend))
        }
        var state = before
        state.address = after.address  // a rename moves it
        state.attributes = after.attributes
        state.dependencies = after.dependencies
        state.outputs.merge(assigned.outputs) { _, new in new }
        state.secrets.merge(assigned.secrets) { _, new in new }
        return state
    }

    /// Puts a role's own trust policy in place of the placeholder it was created with.
    func completeTrust(_ role: Resource) async throws(BackendError) -> [String: JSONValue] {
        let placeholder = newState(RoleKind.withPlaceholderTrust(role))
        _ = try await retrying { () async throws(BackendError) -> Assigned in
            try await role.type.kind.update(placeholder, to: role, changed: ["assume_role_policy"], BackendCalls(backend: backend))
        }
        return ["assume_role_policy": role.attributes["assume_role_policy"] ?? .null]
    }

    func delete(_ before: ResourceState) async throws(BackendError) {
        let type = before.type
        guard type.isKnown else { return }
        try await retrying { () async throws(BackendError) in try await type.kind.delete(before, BackendCalls(backend: backend)) }
    }

    /// Runs `body` again when the connection breaks: updates and deletes are idempotent as a whole
    /// (a delete of what is gone succeeds, a put puts the same again).
    private func retrying<T>(_ body: () async throws(BackendError) -> T) async throws(BackendError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch where error.code == .transport && attempt < Self.attempts && !Task.isCancelled {
                await pause(attempt)
            }
        }
    }

    private func pause(_ attempt: Int) async {
        try? await Task.sleep(for: .milliseconds(50 << min(attempt, 6)))
    }

    func newState(_ resource: Resource) -> ResourceState {
        ResourceState(
            address: resource.address, type: resource.type, accountID: resource.accountID,
            attributes: resource.attributes, dependencies: resource.dependencies)
    }

    /// Keeps only the outputs that belong to the kind, whatever else a backend reports, so the same
    /// apply gives the same state on every backend.
    func record(_ response: IAMResponse, _ kind: any ResourceKind, into state: inout ResourceState) {
        let kept = state.type.isKnown ? state.type.outputs : kind.outputs
        func put(_ key: String, _ value: String?) { if let value, kept.contains(key) { state.outputs[key] = value } }
        put("arn", response.arn)
        put("unique_id", response.uniqueID)
        put("create_date", response.createDate?.formatted(Date.ISO8601FormatStyle()))
        put("default_version_id", response.defaultVersionID)
        put("access_key_id", response.accessKeyID)
        put("name", response.name)
        if let secret = response.secretAccessKey { state.secrets["secret_access_key"] = secret }
        if let password = response.password { state.secrets["password"] = password }
        if let seed = response.mfaSeed { state.secrets["seed"] = seed }
    }
}
