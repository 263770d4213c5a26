import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A kind's way to the backend: the calls, with the conventions every kind shares (a delete of
/// something already gone succeeds, a read of something missing is nil).
struct BackendCalls: Sendable {
    let backend: any Backend
    /// Set while a create runs for an object iamconf itself may have made already (an interrupted
    /// apply's intent, or this run's create whose answer was lost): what a kind needs to clean up
    /// what such a create left behind.
    var claim: Claim?

    /// What iamconf knows while it takes back objects it made without recording them.
    struct Claim: Sendable {
        /// The access key ids the state records for a user (account id, user name).
        var knownAccessKeys: @Sendable (_ accountID: String, _ user: String) async -> Set<String>
        /// Objects created since then and unknown to the state were made by the interrupted run.
        var since: Date?
    }

    init(backend: any Backend, claim: Claim? = nil) {
        self.backend = backend
        self.claim = claim
    }

    func send(_ request: IAMRequest, _ accountID: String) async throws(BackendError) -> IAMResponse {
        try await backend.perform(request, in: accountID)
    }

    /// Deletes treat `NoSuchEntity` as success: the object is already gone, which is what was asked.
    func sendDeleting(_ request: IAMRequest, _ accountID: String) async throws(BackendError) {
        do {
            _ = try await send(request, accountID)
        } catch where error.code == .noSuchEntity {
            return
        }
    }

    /// A read's attributes, with the identifiers the response carries as members folded in;
    /// nil when the object (or the entity it hangs off) does not exist.
    func get(_ request: IAMRequest, _ key: ObjectKey) async throws(BackendError) -> Read? {
        do {
            let response = try await backend.perform(request, in: key.accountID)
            var attributes = response.attributes ?? [:]
            if attributes["arn"] == nil, let arn = response.arn { attributes["arn"] = .string(arn) }
            if attributes["unique_id"] == nil, let id = response.uniqueID { attributes["unique_id"] = .string(id) }
            if attributes["default_version_id"] == nil, let version = response.defaultVersionID {
                attributes["default_version_id"] = .string(version)
            }
            return Read(attributes: attributes, unreported: response.unreported)
        } catch where error.code == .noSuchEntity {
            return nil
        }
    }

    /// A list read, or — on a backend that does not support it (`Unsupported`) — the owner's Get*,
    /// whose attributes carry the same list under the same key (`groups`, `policies`, `access_keys`).
    func get(_ request: IAMRequest, orFromOwner owner: IAMRequest, _ key: ObjectKey) async throws(BackendError) -> Read? {
        do {
            return try await get(request, key)
        } catch where error.code == .unsupported {
            return try await get(owner, key)
        }
    }

    /// Untags the keys that went and tags the ones that are new or changed.
    func retag(
        _ before: ResourceState, _ after: Resource, tag: ([Tag]) -> IAMRequest, untag: ([String]) -> IAMRequest
    ) async throws(BackendError) {
        let old = Values.tags(before.attributes["tags"])
        let new = Values.tags(after.attributes["tags"])
        let removed = Set(old.map(\.key)).subtracting(new.map(\.key)).sorted()
        if !removed.isEmpty { _ = try await send(untag(removed), after.accountID) }
        let changed = new.filter { tag in !old.contains(tag) }
        if !changed.isEmpty { _ = try await send(tag(changed), after.accountID) }
    }
}
