import Crypto
import Foundation
import IAMConfState

/// `state: {…, encrypt: true}`: the state, its backup and its secrets journal are sealed with
/// AES-256-GCM before they leave the machine, so a shared bucket or table holds no plaintext secret.
/// The lock and the intent journal stay readable (they hold no secret, and whoever finds the state
/// locked must be able to see by whom).
///
/// An object is `IAMCONF-AES256GCM-1\n` + nonce (12 bytes) + ciphertext + tag (16 bytes), with the
/// object's role (`state`, `backup`, `secrets`) as authenticated data, so one cannot be passed off
/// as another. A plaintext object is still read (turning encryption on for an existing state); the
/// next write seals it.
struct EncryptedStateObjects: StateObjectStore {
    static let magic = Array("IAMCONF-AES256GCM-1\n".utf8)
    static let keyVariable = "IAMCONF_STATE_KEY"

    let inner: any StateObjectStore
    let key: SymmetricKey

    /// The key from `IAMCONF_STATE_KEY`: 32 bytes, base64 (`openssl rand -base64 32`).
    static func key(environment: [String: String]) throws(OperationError) -> SymmetricKey {
        guard let text = environment[keyVariable], !text.isEmpty else {
            throw OperationError(
                "the state is to be encrypted, but \(keyVariable) is not set",
                hint: "set \(keyVariable) to 32 random bytes in base64 (openssl rand -base64 32), the same on every machine; keep it out of git")
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw OperationError("\(keyVariable) is not 32 bytes in base64", hint: "make one with: openssl rand -base64 32")
        }
        return SymmetricKey(data: bytes)
    }

    static func isSealed(_ object: StateObject) -> Bool { [.state, .backup, .secrets].contains(object) }

    func location(of object: StateObject) -> String { inner.location(of: object) }

    func read(_ object: StateObject) throws(StateError) -> VersionedBytes? {
        guard var stored = try inner.read(object) else { return nil }
        guard Self.isSealed(object), stored.bytes.starts(with: Self.magic) else { return stored }
        do {
            let box = try AES.GCM.SealedBox(combined: stored.bytes.dropFirst(Self.magic.count))
            stored.bytes = Array(try AES.GCM.open(box, using: key, authenticating: Self.context(object)))
            return stored
        } catch {
            throw StateError(
                .io, "cannot decrypt \(location(of: object)): the key in \(Self.keyVariable) is not the one it was encrypted with, or the object was altered",
                hint: "set \(Self.keyVariable) to the team's state key; nothing was written", path: location(of: object))
        }
    }

    func write(_ object: StateObject, _ bytes: [UInt8], condition: WriteCondition) throws(StateError) -> String {
        guard Self.isSealed(object) else { return try inner.write(object, bytes, condition: condition) }
        let sealed: [UInt8]
        do {
            guard let combined = try AES.GCM.seal(bytes, using: key, authenticating: Self.context(object)).combined else {
                throw StateError(.encoding, "cannot encrypt \(location(of: object))", path: location(of: object))
            }
            sealed = Self.magic + Array(combined)
        } catch let error as StateError {
            throw error
        } catch {
            throw StateError(.encoding, "cannot encrypt \(location(of: object)): \(error)", path: location(of: object))
        }
        return try inner.write(object, sealed, condition: condition)
    }

    func delete(_ object: StateObject, version: String?) throws(StateError) {
        try inner.delete(object, version: version)
    }

    private static func context(_ object: StateObject) -> [UInt8] {
        Array("iamconf state object: \(object == .state ? "state" : String(object.rawValue.dropFirst()))".utf8)
    }
}
