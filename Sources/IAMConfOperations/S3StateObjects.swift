import Foundation
import IAMConfQueryAPI
import IAMConfState

/// The objects of a state kept in S3-compatible storage: `KEY`, `KEY.lock`, `KEY.backup`,
/// `KEY.intent` and `KEY.secrets` in one bucket.
struct S3StateObjects: StateObjectStore {
    let client: S3ObjectClient
    let key: String

    func location(of object: StateObject) -> String { client.location(key + object.rawValue) }

    func read(_ object: StateObject) throws(StateError) -> VersionedBytes? {
        do throws(S3ObjectClient.Failure) {
            return try client.get(key + object.rawValue).map { VersionedBytes(bytes: $0.bytes, version: $0.etag) }
        } catch {
            throw stateError(error, object)
        }
    }

    func write(_ object: StateObject, _ bytes: [UInt8], condition: WriteCondition) throws(StateError) -> String {
        let s3Condition: S3ObjectClient.Condition
        switch condition {
        case .unconditional: s3Condition = .none
        case .absent: s3Condition = .absent
        case let .version(etag): s3Condition = .matching(etag)
        }
        do throws(S3ObjectClient.Failure) {
            return try client.put(key + object.rawValue, bytes, condition: s3Condition)
        } catch {
            throw stateError(error, object)
        }
    }

    func delete(_ object: StateObject, version: String?) throws(StateError) {
        do throws(S3ObjectClient.Failure) {
            try client.delete(key + object.rawValue, ifMatching: version)
        } catch {
            throw stateError(error, object)
        }
    }

    private func stateError(_ failure: S3ObjectClient.Failure, _ object: StateObject) -> StateError {
        let path = location(of: object)
        switch failure.kind {
        case .preconditionFailed:
            return StateError(.conflict, failure.message, path: path)
        case .noSuchBucket:
            return StateError(
                .io, "the bucket '\(client.bucket)' does not exist at \(client.endpoint.absoluteString)",
                hint: "create it first (aws s3 mb s3://\(client.bucket)), or fix the bucket name; nothing was written", path: path)
        case .credentials:
            return StateError(
                .io, "the state store refused the credentials: \(failure.message)",
                hint: "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or AWS_PROFILE; nothing was written", path: path)
        case .denied:
            return StateError(
                .io, "access to the state was denied: \(failure.message)",
                hint: "the credentials need s3:GetObject, s3:PutObject and s3:DeleteObject on the state's keys; nothing was written", path: path)
        case .unreachable:
            return StateError(
                .unreachable, failure.message,
                hint: failure.mayHaveBeenPerformed
                    ? "the answer was lost: the write may have happened; run the command again (it reads the state first)"
                    : "check the endpoint URL and the network; nothing was written", path: path)
        case .other:
            return StateError(.io, failure.message, hint: "nothing was written", path: path)
        }
    }
}
