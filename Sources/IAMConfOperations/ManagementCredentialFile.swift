import Foundation
import IAMConfServer

/// The running serve's management credential, kept beside the world (`.iamconf/management-credential`,
/// mode 0600) so `iamconf lab credentials --management` can print it to another shell.
///
/// serve makes the credential anew at each start and it works only while that serve runs, so the
/// file is written when serve opens the lab and removed when it stops; a file left by a killed serve
/// is recognised by the world lock nobody holds, and not printed.
public struct ManagementCredentialFile: Sendable {
    public let path: String

    init(simulatorDirectory: String) {
        path = (simulatorDirectory as NSString).appendingPathComponent("management-credential")
    }

    /// Writes `credential` readable by its owner only: into a temporary file created 0600, renamed
    /// into place, so no other user can read it at any moment and no reader sees half of it.
    func write(_ credential: ServerCredential) throws(OperationError) {
        let text = "access_key_id=\(credential.accessKeyID)\nsecret_access_key=\(credential.secretAccessKey)\n"
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OperationError("cannot write the management credential to \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw OperationError("cannot write the management credential to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the file (serve stopped: the credential no longer works).
    func remove() {
        unlink(path)
    }

    /// The credential of the serve running now, or why there is none.
    func read() throws(OperationError) -> (accessKeyID: String, secretAccessKey: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let notRunning = OperationError(
            "iamconf serve is not running for this lab (the management credential is made anew by each serve run)",
            hint: "start `iamconf serve` and run this again in another shell")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw notRunning }
        // A file a killed serve left behind names a credential nobody accepts any more.
        guard SimulatorWorldLock.isHeldByAnotherProcess(directory: directory) else { throw notRunning }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let name = line.prefix { $0 != "=" }
            fields[String(name)] = String(line.dropFirst(name.count + 1))
        }
        guard let id = fields["access_key_id"], let secret = fields["secret_access_key"], !id.isEmpty, !secret.isEmpty else {
            throw OperationError("\(path) does not hold a credential", hint: "restart `iamconf serve`; it writes the file anew")
        }
        return (id, secret)
    }
}

extension Workspace {
    /// Where a running serve keeps its management credential.
    public var managementCredentialFile: ManagementCredentialFile {
        ManagementCredentialFile(simulatorDirectory: simulatorDirectory)
    }

    /// The running serve's management credential (`iamconf lab credentials --management`).
    public func managementCredentials() throws(OperationError) -> LabCredentials {
        let (id, secret) = try managementCredentialFile.read()
        return LabCredentials(profileName: "iamconf-management", accessKeyID: id, secretAccessKey: secret)
    }
}
