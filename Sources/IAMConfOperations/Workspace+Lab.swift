import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfServer
import IAMConfSimulator
import IAMConfState
import IAMConfTOTP

/// What `iamconf serve` serves: the applied world with the keys the state recorded for it.
public struct Lab: Sendable {
    /// One configured user's access key (its secret stays in the state; `iamconf output` prints it).
    public struct UserKey: Sendable, Hashable {
        public var address: Address
        public var userARN: String
        public var accessKeyID: String
    }

    public var server: LabServer
    /// The lab administrator's credential, made anew for each run and printed by `serve`.
    public var management: ServerCredential
    public var userKeys: [UserKey]
    /// Where the buckets' objects are kept between runs (`.iamconf/objects.json`).
    public var objectsFile: URL
    /// Where `management` is kept while serve runs (`lab credentials --management` reads it).
    public var managementCredentialFile: ManagementCredentialFile

    /// Writes the world and the objects (after the server stopped) and removes the management
    /// credential's file: it stops working with this run.
    public func save() async throws(OperationError) {
        managementCredentialFile.remove()
        do {
            try await server.flush()
        } catch {
            throw OperationError("cannot save the world: \(error.message)")
        }
        do {
            try ObjectStore.save(await server.objectsSnapshot, to: objectsFile)
        } catch {
            throw OperationError("cannot save the buckets' objects to \(objectsFile.path): \(error.localizedDescription)")
        }
    }
}

extension Workspace {
    /// Opens the simulator's applied world for serving (holding the world lock, so no apply changes
    /// it underneath), with the users' access keys and their secrets from the state.
    ///
    /// - Parameters:
    ///   - clock: the time requests are checked at (signature skew, session and URL expiry).
    ///   - transport: what `aws:SecureTransport` says.
    public func openLab(
        region: String = "us-east-1", clock: @escaping @Sendable () -> Date = { Date() }, transport: TransportSecurity = .plainHTTP
    ) async throws(OperationError) -> Lab {
        let directory = URL(fileURLWithPath: simulatorDirectory)
        guard FileManager.default.fileExists(atPath: WorldStore(directory: directory).fileURL.path) else {
            throw OperationError(
                "nothing has been applied to the simulator yet (no world in \(simulatorDirectory))",
                hint: "run `iamconf apply` first; serve serves what apply made")
        }
        try SimulatorWorldLock.acquire(directory: simulatorDirectory)
        let state = try loadState()
        let simulator: IAMSimulator
        do {
            let catalog = ManagedPolicyCatalog.shared
            simulator = try IAMSimulator(directory: directory, isAWSManagedPolicy: { catalog.contains(arn: $0) })
        } catch {
            throw OperationError("cannot read the simulator's world in \(simulatorDirectory): \(error.message)")
        }
        let world = await simulator.snapshot
        let configuration = ConfigurationLoader.load(path: configurationPath).configuration
        let names = Dictionary((configuration?.accounts ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let (credentials, keys) = Self.userCredentials(state: state, world: world)
        let management = ServerCredential(
            accessKeyID: "AKIA" + Self.random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            secretAccessKey: Self.random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            identity: .management)
        let objectsFile = directory.appendingPathComponent("objects.json")
        let objects: [String: [String: StoredObject]]
        do {
            objects = try ObjectStore.load(objectsFile)
        } catch {
            throw OperationError(
                "cannot read the buckets' objects in \(objectsFile.path): \(error.localizedDescription)",
                hint: "the file may be corrupt or from a newer iamconf; move it away to start with empty buckets")
        }
        let log = try DecisionLogFile(path: decisionLogPath)
        let server = LabServer(
            simulator: simulator, credentials: credentials + [management], objects: objects,
            mfaDevices: Self.mfaDevices(state: state, world: world),
            options: LabServer.Options(
                accountNames: names, region: configuration?.backend?.region ?? region, clock: clock, log: { log.append($0) },
                objectsFile: objectsFile, transport: transport,
                declaredPolicies: configuration.map(DeclaredPolicies.init(configuration:)) ?? DeclaredPolicies(),
                organization: nil))
        try managementCredentialFile.write(management)
        return Lab(
            server: server, management: management, userKeys: keys, objectsFile: objectsFile,
            managementCredentialFile: managementCredentialFile)
    }

    /// The access keys the state holds a secret for, whose user still exists in the world.
    static func userCredentials(state: State?, world: World) -> ([ServerCredential], [Lab.UserKey]) {
        var credentials: [ServerCredential] = []
        var keys: [Lab.UserKey] = []
        for resource in state?.sortedResources ?? [] where resource.type == .accessKey {
            guard let keyID = resource.outputs["access_key_id"], let secret = resource.secrets["secret_access_key"],
                case let .string(userName)? = resource.attributes["user"],
                let user = world.account(resource.accountID)?.user(named: userName)
            else { continue }
            let identity = CallerIdentity(kind: .user, arn: user.arn, account: resource.accountID, userID: user.uniqueID)
            credentials.append(ServerCredential(accessKeyID: keyID, secretAccessKey: secret, identity: identity))
            keys.append(Lab.UserKey(address: resource.address, userARN: user.arn, accessKeyID: keyID))
        }
        return (credentials, keys)
    }

    /// The users' virtual MFA devices the state holds a seed for, still enabled in the world.
    static func mfaDevices(state: State?, world: World) -> [MFADevice] {
        (state?.sortedResources ?? []).compactMap { resource -> MFADevice? in
            guard resource.type == .mfaDevice, let serial = resource.outputs["arn"], let seed = resource.secrets["seed"],
                let totp = TOTP(base32Seed: seed), case let .string(userName)? = resource.attributes["user"],
                let user = world.account(resource.accountID)?.user(named: userName), user.mfaDevice?.serial == serial
            else { return nil }
            return MFADevice(serial: serial, userARN: user.arn, totp: totp)
        }
    }

    /// The current code of the virtual MFA device at `address` (`source.user.alice` or
    /// `source.user.alice.mfa_device`), as an authenticator app shows it, and the device's serial.
    public func mfaCode(for address: String, at date: Date = Date()) throws(OperationError) -> (code: String, serial: String) {
        guard var parsed = Address(parsing: address), parsed.kind == .user, let name = parsed.name else {
            throw OperationError("'\(address)' is not a user address", hint: "give ACCOUNT.user.NAME, e.g. source.user.alice")
        }
        parsed = Address(account: parsed.account, kind: .user, name: name, sub: "mfa_device")
        guard let device = try loadState()?.resources[parsed] else {
            throw OperationError(
                "\(parsed) is not in the state", hint: "give the user `mfa: true` in the configuration and run `iamconf apply`")
        }
        guard let seed = device.secrets["seed"], let totp = TOTP(base32Seed: seed), let serial = device.outputs["arn"] else {
            throw OperationError("the state has no seed for \(parsed)", hint: "delete the device (remove `mfa: true`), apply, and add it again")
        }
        return (totp.code(at: date), serial)
    }

    private static func random(_ count: Int, _ alphabet: String) -> String {
        let characters = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters[Int(generator.next(upperBound: UInt64(characters.count)))] })
    }
}

/// A user's access key as a client needs it (`iamconf lab credentials`).
public struct LabCredentials: Sendable, Hashable {
    /// The `~/.aws/credentials` profile the block is named (`source-alice`).
    public var profileName: String
    public var accessKeyID: String
    public var secretAccessKey: String

    /// `export AWS_ACCESS_KEY_ID=…` lines for a shell.
    public var environment: String {
        "export AWS_ACCESS_KEY_ID=\(accessKeyID)\nexport AWS_SECRET_ACCESS_KEY=\(secretAccessKey)\nunset AWS_SESSION_TOKEN"
    }

    /// An AWS CLI profile block for `~/.aws/credentials`, named after the user.
    public var profile: String {
        "[\(profileName)]\naws_access_key_id = \(accessKeyID)\naws_secret_access_key = \(secretAccessKey)"
    }
}

extension Workspace {
    /// The first access key the state holds a secret for, of the user at `address`
    /// (`source.user.alice`) or exactly that key (`source.user.alice.access_key[2]`).
    public func labCredentials(for address: String) throws(OperationError) -> LabCredentials {
        guard let parsed = Address(parsing: address), parsed.kind == .user, let name = parsed.name else {
            throw OperationError("'\(address)' is not a user address", hint: "give ACCOUNT.user.NAME, e.g. source.user.alice")
        }
        let keys = (try loadState()?.sortedResources ?? []).filter {
            $0.type == .accessKey && $0.address.account == parsed.account && $0.address.name == name
                && (parsed.sub == nil || $0.address == parsed)
        }
        guard let key = keys.first(where: { $0.secrets["secret_access_key"] != nil }), let id = key.outputs["access_key_id"],
            let secret = key.secrets["secret_access_key"]
        else {
            throw OperationError("the state has no access key with a secret for \(address)", hint: "give the user `access_keys: 1` and run `iamconf apply`")
        }
        return LabCredentials(
            profileName: "\(key.address.account)-\(key.address.name ?? "user")", accessKeyID: id, secretAccessKey: secret)
    }
}
