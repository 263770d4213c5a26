import Foundation
import IAMConfCore
import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfSimulator
import IAMConfTOTP

/// The applied lab as an AWS endpoint: every request is authenticated (SigV4), authorized by the
/// policy engine with the context AWS would build, performed on the simulator, and answered in
/// AWS's wire shapes. Pure request handling: `handle` takes a `ServerRequest` and returns a
/// `ServerResponse`, so every behaviour is tested without a socket (the transport is
/// IAMConfServerHTTP).
///
/// An actor: concurrent connections share the world, the issued sessions and the objects.
public actor LabServer {
    public struct Options: Sendable {
        /// Local account names by id (from the configuration), for notes and addresses.
        public var accountNames: [String: String]
        /// `aws:RequestedRegion` and the region answers name.
        public var region: String
        /// The request time; injected so tests can move it.
        public var clock: @Sendable () -> Date
        /// Receives one record per decision (the decision log); nil keeps none.
        public var log: (@Sendable (DecisionRecord) -> Void)?
        /// Where the buckets' objects are written after each call that changed them; nil keeps
        /// them in memory (the caller saves `objectsSnapshot`).
        public var objectsFile: URL?
        /// What `aws:SecureTransport` says: false on plain HTTP unless the lab declares a TLS proxy.
        public var transport: TransportSecurity
        /// Where the configuration wrote each document, for the log's `file:line:column` of a
        /// deciding statement (empty: no locations).
        public var declaredPolicies: DeclaredPolicies
        /// The organization whose SCPs restrict the lab's principals (named by `accountNames`); nil:
        /// the one recorded in the simulator's world, if any.
        public var organization: Organization?

        public init(
            accountNames: [String: String] = [:], region: String = "us-east-1", clock: @escaping @Sendable () -> Date = { Date() },
            log: (@Sendable (DecisionRecord) -> Void)? = nil, objectsFile: URL? = nil, transport: TransportSecurity = .plainHTTP,
            declaredPolicies: DeclaredPolicies = DeclaredPolicies(), organization: Organization? = nil
        ) {
            self.organization = organization
            self.accountNames = accountNames
            self.region = region
            self.clock = clock
            self.log = log
            self.objectsFile = objectsFile
            self.transport = transport
            self.declaredPolicies = declaredPolicies
        }
    }

    nonisolated let simulator: IAMSimulator
    let options: Options
    let verifier = SigV4Verifier()
    /// Signing keys already derived, by secret and scope.
    var signingKeys = SigningKeyCache()
    /// Long-term keys (the lab's users' and the management credential) and STS sessions, by key id.
    var credentials: [String: ServerCredential]
    /// The analyzer over the current world; rebuilt after a call that changed it.
    var cachedAnalyzer: AccessAnalyzer?
    /// The world as of the last change; every change goes through this server, which drops it.
    var cachedWorld: World?
    /// Counts the world's changes, so a world or analyzer read across a change is not kept.
    var worldVersion = 0
    /// Objects of the simulated buckets: bucket name -> key -> object.
    var objects: [String: [String: StoredObject]] = [:] {
        didSet { hasUnsavedObjects = true }
    }
    /// Whether `objects` changed since they were last written to `Options.objectsFile`.
    var hasUnsavedObjects = false
    /// Enabled virtual MFA devices whose seed this server knows, by serial: from the state, and
    /// those enabled through this server.
    var mfaDevices: [String: MFADevice]
    /// Seeds of devices made (or deactivated) through this server and not enabled now, by serial.
    var mfaSeeds: [String: TOTP] = [:]
    /// The last time step whose code STS accepted, by serial: a code is good once (see `checkMFA`).
    var lastAcceptedMFAStep: [String: Int64] = [:]

    /// - Parameters:
    ///   - objects: the buckets' objects as the last run left them (`objectsSnapshot`).
    ///   - mfaDevices: the users' enabled virtual MFA devices, whose codes STS checks.
    public init(
        simulator: IAMSimulator, credentials: [ServerCredential], objects: [String: [String: StoredObject]] = [:],
        mfaDevices: [MFADevice] = [], options: Options = Options()
    ) {
        self.simulator = simulator
        self.mfaDevices = Dictionary(mfaDevices.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
        self.options = options
        self.credentials = Dictionary(credentials.map { ($0.accessKeyID, $0) }, uniquingKeysWith: { first, _ in first })
        self.objects = objects
    }

    /// Every object by bucket and key, for the caller to keep beside the world.
    public var objectsSnapshot: [String: [String: StoredObject]] { objects }

    /// Answers one request; never throws: every failure is an AWS error answer.
    public func handle(_ request: ServerRequest) async -> ServerResponse {
        let requestID = RequestIDs.requestID()
        // Read once: routing needs the scope's service, verifying needs the rest.
        let claim = Result { () throws(ServiceError) in try SigV4Verifier.claim(of: request) }
        let service = (try? claim.get())??.service
        if service == "s3" || (service == nil && request.rawPath != "/") || SigV2Verifier.isSigned(request) {
            return await handleS3(request, claim: claim, requestID: requestID)
        }
        let parameters = QueryParameters(request.queryAPIParameters)
        let action = parameters["Action"] ?? ""
        let isSTS = service == "sts" || (service == nil && STSAction(rawValue: action) != nil)
        let namespace = isSTS ? XMLText.stsNamespace : XMLText.iamNamespace
        do throws(ServiceError) {
            let verified: SigV4Verifier.Verified
            do throws(ServiceError) {
                verified = try verify(request, claim: claim)
            } catch {
                record(nil, action: "\(isSTS ? "sts" : "iam"):\(action)", resource: "", .unauthenticated, code: error.code, request: request)
                throw error
            }
            let caller = verified.credential.identity
            let result: String
            if isSTS {
                result = try await performSTS(action: action, parameters: parameters, caller: caller, request: request)
            } else {
                result = try await performIAM(action: action, parameters: parameters, caller: caller, request: request)
            }
            return ServerResponse(
                status: 200, xml: XMLText.queryResponse(action: action, namespace: namespace, result: result, requestID: requestID),
                requestID: requestID)
        } catch {
            return ServerResponse(
                status: error.status, xml: XMLText.queryError(error, namespace: namespace, requestID: requestID), requestID: requestID)
        }
    }

    /// Adds or replaces long-term credentials (a key created through the endpoint, a reloaded state).
    public func register(_ credential: ServerCredential) {
        credentials[credential.accessKeyID] = credential
    }

    /// Writes the world if anything changed (the transport calls this on shutdown).
    public func flush() async throws(ServiceError) {
        do { try await simulator.flush() } catch { throw .internalFailure("cannot save the world: \(error.message)") }
    }

    /// Writes what a call changed before it is answered: the world (the simulator's file, if it
    /// has one and anything changed) and the objects (`Options.objectsFile`). Each file is
    /// replaced by a rename, so a serve killed at any point leaves every acknowledged change on
    /// disk. A failure answers InternalFailure; the change stays in memory and is written by the
    /// next successful save.
    func persistChanges() async throws(ServiceError) {
        do { try await simulator.flush() } catch {
            throw .internalFailure("The change was made but could not be saved: \(error.message)")
        }
        guard hasUnsavedObjects, let file = options.objectsFile else { return }
        do {
            try ObjectStore.save(objects, to: file)
            hasUnsavedObjects = false
        } catch {
            throw .internalFailure("The change was made but could not be saved: \(error.localizedDescription)")
        }
    }

    /// Checks the request's signature (its parts read once by `handle`) against the known keys.
    func verify(_ request: ServerRequest, claim: Result<SigV4Verifier.Claim?, ServiceError>) throws(ServiceError) -> SigV4Verifier.Verified {
        let credentials = self.credentials
        // Only S3 takes SigV2 (`handle` routes every SigV2 request there).
        if SigV2Verifier.isSigned(request) { return try SigV2Verifier().verify(request, now: options.clock(), lookup: { credentials[$0] }) }
        return try verifier.verify(request, claim: claim, now: options.clock(), lookup: { credentials[$0] }, keys: &signingKeys)
    }

    // MARK: Authorization

    /// The analyzer over the world as it is now, asking at the current time.
    func analyzer() async -> AccessAnalyzer {
        let now = UTCTime(secondsSince1970: Int64(options.clock().timeIntervalSince1970.rounded(.down)))
        if var analyzer = cachedAnalyzer {
            analyzer.now = now
            return analyzer
        }
        let version = worldVersion
        let world = await self.world
        var view = world.configurationView(accountNames: options.accountNames, declared: options.declaredPolicies)
        if let organization = options.organization { view.organization = organization }
        let analyzer = AccessAnalyzer(
            configuration: view, now: now,
            region: options.region,
            principalIDs: world.principalIDs)
        // A write while the world was read makes this analyzer stale: answer with it once, keep none.
        if version == worldVersion { cachedAnalyzer = analyzer }
        return analyzer
    }

    /// The analyzer with `question`'s caller and target compiled: once per caller, role or bucket
    /// and world version, since compiling the policies was most of a decision's cost.
    func analyzer(preparing question: AccessQuestion) async -> AccessAnalyzer {
        let version = worldVersion
        var analyzer = await analyzer()
        let needsCaller = !analyzer.hasPreparedCaller(for: question)
        let needsTarget = !analyzer.hasPreparedTarget(for: question)
        guard needsCaller || needsTarget else { return analyzer }
        if needsCaller { analyzer.prepareCaller(for: question) }
        if needsTarget { analyzer.prepareTarget(for: question) }
        if version == worldVersion, cachedAnalyzer != nil { cachedAnalyzer = analyzer }
        return analyzer
    }

    /// Hands one decision to the log, if there is one.
    func record(
        _ caller: String?, action: String, resource: String, _ outcome: DecisionRecord.Outcome, code: String? = nil,
        statements: [DecisionRecord.Statement] = [], missing: [String] = [], request: ServerRequest
    ) {
        guard let log = options.log else { return }
        log(
            DecisionRecord(
                time: WireTime.text(options.clock()), caller: caller, action: action, resource: resource, outcome: outcome, code: code,
                statements: statements, missingContextKeys: missing, sourceIP: request.sourceIP))
    }

    /// The world changed: the next decision reads it again.
    func worldChanged() {
        worldVersion += 1
        cachedAnalyzer = nil
        cachedWorld = nil
    }

    /// Decides `action` on `resource` for `caller` as AWS would; throws `AccessDenied` in AWS's words.
    ///
    /// The management credential is the lab's administrator and is not evaluated.
    @discardableResult
    func authorize(
        _ caller: CallerIdentity, action: String, resource: String, request: ServerRequest, context: [String: [String]] = [:],
        reasonInMessage: Bool = true
    ) async throws(ServiceError) -> AccessAnswer? {
        if case .management = caller.kind {
            record(caller.arn, action: action, resource: resource, .allowed, code: "management credential", request: request)
            return nil
        }
        var context = context
        context["aws:SourceIp"] = [request.sourceIP]
        context["aws:SecureTransport"] = [options.transport.isSecure(request) ? "true" : "false"]
        for tag in caller.sessionTags { context["aws:PrincipalTag/\(tag.key)"] = [tag.value] }
        if let sourceIdentity = caller.sourceIdentity { context["aws:SourceIdentity"] = [sourceIdentity] }
        var question = AccessQuestion(
            principal: caller.arn, action: action, resource: resource, context: context, isMFAAuthenticated: caller.isMFAAuthenticated)
        question.sessionPolicies = (caller.sessionPolicy.map { [$0] } ?? []) + caller.managedSessionPolicies
        let answer: AccessAnswer
        do {
            answer = try await analyzer(preparing: question).answer(question)
        } catch {
            record(caller.arn, action: action, resource: resource, .denied, code: "AccessDenied", request: request)
            throw .accessDenied(
                DenialMessage.text(caller: caller.arn, action: action, resource: resource, step: nil) + " (\(error.message))")
        }
        let step = answer.decidingStep
        record(
            caller.arn, action: action, resource: resource, answer.isAllowed ? .allowed : .denied,
            code: answer.isAllowed ? nil : "AccessDenied", statements: DecisionRecord.statements(of: step),
            missing: step?.missingContextKeys ?? [], request: request)
        guard answer.isAllowed else {
            var message = DenialMessage.text(
                caller: caller.arn, action: action, resource: resource, step: answer.decidingStep, withReason: reasonInMessage)
            if reasonInMessage, answer.outcome == .implicitDeny, !question.sessionPolicies.isEmpty {
                // Would the session be allowed without its session policy? Then that policy refused.
                var unlimited = question
                unlimited.sessionPolicies = []
                if (try? await analyzer().answer(unlimited))?.isAllowed == true {
                    message = DenialMessage.text(caller: caller.arn, action: action, resource: resource, step: nil, withReason: false)
                        + " because no session policy allows the \(action) action"
                }
            }
            throw .accessDenied(message)
        }
        return answer
    }
}

/// Query API parameters by name (the first value wins, as AWS reads them).
struct QueryParameters: Sendable {
    let items: [QueryParameter]

    init(_ items: [QueryParameter]) { self.items = items }

    subscript(_ name: String) -> String? { items.first { $0.name == name }?.value }

    func required(_ name: String) throws(ServiceError) -> String {
        guard let value = self[name], !value.isEmpty else { throw .missingParameter(name) }
        return value
    }

    /// `Name.member.1`, `Name.member.2`, … in order.
    func list(_ name: String) -> [String] {
        var values: [String] = []
        var index = 1
        while let value = self["\(name).member.\(index)"] {
            values.append(value)
            index += 1
        }
        return values
    }

    /// `Tags.member.N.Key` / `.Value`.
    func tags(_ name: String = "Tags") -> [Tag] {
        var tags: [Tag] = []
        var index = 1
        while let key = self["\(name).member.\(index).Key"] {
            tags.append(Tag(key: key, value: self["\(name).member.\(index).Value"] ?? ""))
            index += 1
        }
        return tags
    }
}
