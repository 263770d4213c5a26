import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// One of a user's access keys (IAM allows two). Its secret exists only in the answer to the
/// CreateAccessKey that made it, so a key iamconf made but never recorded (a killed apply, a lost
/// answer) can never be used: such a key is deleted before a new one is made, or it would strand
/// the user at the two-key quota with a key nobody has the secret of.
struct AccessKeyKind: ResourceKind {
    var type: ResourceType { .accessKey }
    var terraformType: String { "aws_iam_access_key" }
    var replacingAttributes: Set<String> { ["user", "index"] }
    var outputs: Set<String> { ["access_key_id", "create_date"] }
    var knownAfterApply: [String] { ["access_key_id"] }
    var secrets: [String] { ["secret"] }
    var importIDForm: String { "USER/ACCESS_KEY_ID (alice/AKIAIOSFODNN7EXAMPLE)" }
    var adoptsUnclaimed: Bool { false }
    /// CreateAccessKey never answers that a key exists: there is nothing to adopt.
    func alreadyExists(_ error: BackendError) -> Bool { false }

    /// AWS refuses a request signed with a clock more than five minutes off, so a key created
    /// after the interrupted run started is dated at most this much before that start.
    static let clockSkew: TimeInterval = 300

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        let user = r.string("user") ?? ""
        if let claim = calls.claim { try await deleteOrphans(of: user, in: r.accountID, claim, calls) }
        do {
            return try await calls.send(.createAccessKey(userName: user), r.accountID)
        } catch where error.code == .limitExceeded && calls.claim == nil {
            throw BackendError(
                .limitExceeded,
                "\(error.message) (\(user) already has the access keys IAM allows, and iamconf did not make them: delete one that is not needed, "
                    + "or adopt it with `iamconf import \(r.address) \(user)/ACCESS_KEY_ID`)",
                rawCode: error.rawCode, httpStatus: error.httpStatus)
        }
    }

    /// Deletes the user's keys that the state does not know and that were made since the claim's
    /// start: keys an interrupted create of iamconf's left behind without their secret.
    private func deleteOrphans(of user: String, in account: String, _ claim: BackendCalls.Claim, _ calls: BackendCalls) async throws(BackendError) {
        let key = ObjectKey(accountID: account, attributes: ["user": .string(user)])
        guard let a = try await calls.get(.listAccessKeys(userName: user), key) else { return }
        let known = await claim.knownAccessKeys(account, user)
        let created = a.object("create_dates")
        let cutoff = claim.since?.addingTimeInterval(-Self.clockSkew)
        for id in a.strings("access_keys") where !known.contains(id) {
            if let cutoff, let date = created[id].flatMap(Self.date), date < cutoff { continue }
            try await calls.sendDeleting(.deleteAccessKey(userName: user, accessKeyID: id), account)
        }
    }

    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let id = before.outputs["access_key_id"] else { return }
        try await calls.sendDeleting(.deleteAccessKey(userName: ObjectKey(before).s("user"), accessKeyID: id), before.accountID)
    }

    /// Without a key id there is nothing to look for; the resource is left as it is.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let id = key.outputs["access_key_id"] else { return LiveObject(attributes: [:]) }
        let user = key.s("user")
        guard let a = try await calls.get(.listAccessKeys(userName: user), orFromOwner: .getUser(name: user), key),
              a.strings("access_keys").contains(id)
        else { return nil }
        return LiveObject(attributes: ["user": .string(user)], outputs: ["access_key_id": id])
    }

    func importID(of resource: Resource) -> String { "\(resource.string("user") ?? "")/ACCESS_KEY_ID" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let (user, keyID) = try ImportIDs.pair(id, resource, form: importIDForm)
        return ObjectKey(accountID: resource.accountID, attributes: ["user": .string(user)], outputs: ["access_key_id": keyID])
    }
}

extension ResourceType {
    public static let accessKey = ResourceType(rawValue: "access_key")
}
