import Foundation
import IAMConfCore
import IAMConfPolicy
import IAMConfPolicy
import IAMConfSimulator

/// The STS actions `iamconf serve` answers.
enum STSAction: String {
    case getCallerIdentity = "GetCallerIdentity"
    case assumeRole = "AssumeRole"
    case getSessionToken = "GetSessionToken"
}

/// STS: who am I, and role sessions decided by the trust policy and the caller's own policies.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
extension LabServer {
    func performSTS(
        action: String, parameters: QueryParameters, caller: CallerIdentity, request: ServerRequest
    ) async throws(ServiceError) -> String {
        switch STSAction(rawValue: action) {
        case .getCallerIdentity?:
            // No permission is needed: AWS answers GetCallerIdentity even under an explicit deny.
            record(caller.arn, action: "sts:GetCallerIdentity", resource: "", .allowed, code: "no permission needed", request: request)
            return XMLText.element("Arn", caller.arn) + XMLText.element("UserId", caller.userID)
                + XMLText.element("Account", caller.account)
        case .assumeRole?:
            return try await assumeRole(parameters, caller: caller, request: request)
        case .getSessionToken?:
            return try getSessionToken(parameters, caller: caller)
        case nil:
            throw .invalidAction(action)
        }
    }

    private func assumeRole(_ parameters: QueryParameters, caller: CallerIdentity, request: ServerRequest) async throws(ServiceError) -> String {
        let roleARN = try parameters.required("RoleArn")
        let sessionName = try parameters.required("RoleSessionName")
        guard (2...64).contains(sessionName.count), sessionName.allSatisfy(Self.sessionNameCharacters.contains) else {
            throw .validation(
                "1 validation error detected: Value '\(sessionName)' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        let sessionTags = try SessionTags(parameters, caller: caller)
        if case .management = caller.kind, let session = Self.accessRoleSession(roleARN, sessionName: sessionName) {
            // The role AWS Organizations makes in each member account, trusting the management
            // account: the lab administrator reaches every account through it, existing or not.
            record(caller.arn, action: "sts:AssumeRole", resource: roleARN, .allowed, code: "management credential", request: request)
            let credential = issue(session, seconds: try Self.duration(parameters["DurationSeconds"], maximum: 3600))
            return Self.credentialsXML(credential)
                + "<AssumedRoleUser>" + XMLText.element("AssumedRoleId", session.userID) + XMLText.element("Arn", session.arn)
                + "</AssumedRoleUser>"
        }
        let role = await world.role(arn: roleARN)
        let denied = DenialMessage.text(caller: caller.arn, action: "sts:AssumeRole", resource: roleARN, step: nil, withReason: false)
        guard let (account, role) = role else { throw .accessDenied(denied) }
        let duration = try Self.duration(parameters["DurationSeconds"], maximum: role.maxSessionDuration)
        var sessionPolicy: JSONValue?
        if let text = parameters["Policy"] {
            // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: 1 to 2,048 characters
            // of tab, line feed, carriage return and U+0020-U+00FF, a parameter constraint (ValidationError).
            guard (1...2048).contains(text.count) else {
                throw .validation(
                    "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length \(text.isEmpty ? "greater than or equal to 1" : "less than or equal to 2048")")
            }
            guard text.unicodeScalars.allSatisfy({ [0x09, 0x0A, 0x0D].contains($0.value) || (0x20...0xFF).contains($0.value) }) else {
                throw .validation(
                    "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
            }
            guard let document = try? JSONParser.parse(text), case .object = document else {
                throw ServiceError("MalformedPolicyDocument", "The policy is not in the valid JSON format.", status: 400)
            }
            // A session policy that cannot be read must refuse the session, never be left out (that would grant more).
            let compiled = CompiledPolicy.compile(document, kind: .sessionPolicy, id: "session policy")
            guard compiled.policy != nil else {
                let problem = compiled.diagnostics.first.map { ": \($0.summary)" } ?? ""
                throw ServiceError("MalformedPolicyDocument", "Syntax errors in policy\(problem).", status: 400)
            }
            sessionPolicy = document
        }
        let managedSessionPolicies = try await managedSessionPolicies(parameters, account: account)
        // Session policies and tags must fit STS's packed space (see PackedSessionSize); the answer
        // says how much they took whenever any were passed.
        let policyARNs = Self.policyARNs(parameters)
        var packed: PackedSessionSize?
        if parameters["Policy"] != nil || !policyARNs.isEmpty || !sessionTags.requested.isEmpty {
            let size = PackedSessionSize(policy: parameters["Policy"], policyARNs: policyARNs, tags: sessionTags.requested)
            if let refusal = size.refusal { throw refusal }
            packed = size
        }
        var caller = caller
        if try checkMFA(parameters, caller: caller) { caller.isMFAAuthenticated = true }
        var context = sessionTags.requestContext
        context["sts:RoleSessionName"] = [sessionName]
        if let externalID = parameters["ExternalId"] { context["sts:ExternalId"] = [externalID] }
        // AWS's STS message names caller, action and role, without the reason IAM adds.
        try await authorize(caller, action: "sts:AssumeRole", resource: role.arn, request: request, context: context, reasonInMessage: false)
        // Tags and a source identity need their own permissions, from the trust policy and (across
        // accounts) the caller's policies. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
        if !sessionTags.tags.isEmpty {
            try await authorize(caller, action: "sts:TagSession", resource: role.arn, request: request, context: context, reasonInMessage: false)
        }
        if sessionTags.isSettingSourceIdentity {
            try await authorize(
                caller, action: "sts:SetSourceIdentity", resource: role.arn, request: request, context: context, reasonInMessage: false)
        }
        let sessionARN = "arn:aws:sts::\(account):assumed-role/\(role.name)/\(sessionName)"
        var identity = CallerIdentity(
            kind: .roleSession(roleARN: role.arn, roleName: role.name, sessionName: sessionName), arn: sessionARN, account: account,
            userID: "\(role.uniqueID):\(sessionName)", isMFAAuthenticated: caller.isMFAAuthenticated, sessionPolicy: sessionPolicy)
        identity.managedSessionPolicies = managedSessionPolicies
        identity.sessionTags = sessionTags.tags
        identity.transitiveTagKeys = sessionTags.transitiveKeys
        identity.sourceIdentity = sessionTags.sourceIdentity
        let credential = issue(identity, seconds: duration)
        return Self.credentialsXML(credential)
            + "<AssumedRoleUser>" + XMLText.element("AssumedRoleId", identity.userID) + XMLText.element("Arn", sessionARN)
            + "</AssumedRoleUser>" + XMLText.element("PackedPolicySize", packed.map { String($0.percent) })
            + (sessionTags.isSettingSourceIdentity ? XMLText.element("SourceIdentity", identity.sourceIdentity) : "")
    }

    /// `PolicyArns.member.N.arn`, in order.
    static func policyARNs(_ parameters: QueryParameters) -> [String] {
        var arns: [String] = []
        while let arn = parameters["PolicyArns.member.\(arns.count + 1).arn"] { arns.append(arn) }
        return arns
    }

    /// `PolicyArns.member.N.arn` (at most 10): managed policies used as session policies, AWS managed
    /// ones from the catalog and customer managed ones of the role's account, their default versions.
    /// One that does not exist refuses the call (leaving it out would grant more).
    private func managedSessionPolicies(_ parameters: QueryParameters, account: String) async throws(ServiceError) -> [JSONValue] {
        let arns = Self.policyARNs(parameters)
        guard arns.count <= 10 else {
            throw .validation(
                "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10")
        }
        guard !arns.isEmpty else { return [] }
        let world = await self.world
        var documents: [JSONValue] = []
        for arn in arns {
            if let policy = ManagedPolicyCatalog.shared.policy(arn: arn) {
                documents.append(policy.document)
                continue
            }
            guard let policy = world.account(account)?.policy(arn: arn),
                let version = policy.versions.first(where: { $0.versionID == policy.defaultVersionID }),
                let document = try? JSONParser.parse(version.document)
            else {
                throw ServiceError("InvalidParameterValue", "Policy \(arn) does not exist or is not attachable.", status: 400)
            }
            documents.append(document)
        }
        return documents
    }

    /// GetSessionToken: the user's own identity on temporary credentials, with MFA when a code was
    /// given (how a user signs in with MFA for the CLI). https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    private func getSessionToken(_ parameters: QueryParameters, caller: CallerIdentity) throws(ServiceError) -> String {
        guard case .user = caller.kind else {
            throw .accessDenied("Cannot call GetSessionToken with session credentials")
        }
        var identity = caller
        if try checkMFA(parameters, caller: caller) { identity.isMFAAuthenticated = true }
        var seconds = 43_200
        if let text = parameters["DurationSeconds"] {
            guard let value = Int(text), (900...129_600).contains(value) else {
                throw .validation(
                    "1 validation error detected: Value '\(text)' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 129600")
            }
            seconds = value
        }
        let credential = issue(identity, seconds: seconds)
        return Self.credentialsXML(credential)
    }

    /// Checks `SerialNumber` + `TokenCode`: false when neither is given, true when the code is the
    /// device's current one and was not used before; AccessDenied otherwise (AWS's words).
    ///
    /// A code is good once per device: a code of a step at or before the last accepted one is refused
    /// (RFC 6238 section 5.2: a verifier must not accept the same code a second time). AWS documents
    /// no separate message for a reused code; people calling AssumeRole in a loop with one code get
    /// the invalid-code text (https://github.com/aws/aws-cli/issues/2279), so that is what is answered.
    func checkMFA(_ parameters: QueryParameters, caller: CallerIdentity) throws(ServiceError) -> Bool {
        let serial = parameters["SerialNumber"]
        let code = parameters["TokenCode"]
        guard serial != nil || code != nil else { return false }
        let failure = ServiceError.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        guard let serial, let code, let device = mfaDevices[serial], device.userARN == caller.arn else { throw failure }
        guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            throw .validation(
                "1 validation error detected: Value at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*")
        }
        guard let step = device.totp.step(of: code, at: options.clock()) else { throw failure }
        if let last = lastAcceptedMFAStep[serial], step <= last { throw failure }
        lastAcceptedMFAStep[serial] = step
        return true
    }

    /// Makes and remembers temporary credentials for `identity`.
    func issue(_ identity: CallerIdentity, seconds: Int) -> ServerCredential {
        let now = options.clock()
        let credential = ServerCredential(
            accessKeyID: RequestIDs.temporaryAccessKeyID(), secretAccessKey: RequestIDs.secretAccessKey(),
            sessionToken: RequestIDs.sessionToken(), expiration: now.addingTimeInterval(TimeInterval(seconds)), identity: identity)
        dropExpiredSessions(now: now)
        credentials[credential.accessKeyID] = credential
        return credential
    }

    static func credentialsXML(_ credential: ServerCredential) -> String {
        "<Credentials>" + XMLText.element("AccessKeyId", credential.accessKeyID)
            + XMLText.element("SecretAccessKey", credential.secretAccessKey) + XMLText.element("SessionToken", credential.sessionToken)
            + XMLText.element("Expiration", credential.expiration.map(WireTime.text)) + "</Credentials>"
    }

    /// The name of the role every account has for the lab's management credential.
    public static let accessRoleName = "OrganizationAccountAccessRole"

    /// A management session in the account `roleARN` names, when it names the access role.
    static func accessRoleSession(_ roleARN: String, sessionName: String) -> CallerIdentity? {
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "iam", parts[5] == "role/\(accessRoleName)", parts[4].count == 12,
            parts[4].allSatisfy(\.isNumber)
        else { return nil }
        let account = String(parts[4])
        return CallerIdentity(
            kind: .management, arn: "arn:aws:sts::\(account):assumed-role/\(accessRoleName)/\(sessionName)", account: account,
            userID: "AROAIAMCONFLABACCESS:\(sessionName)")
    }

    static let sessionNameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-")

    /// 900 seconds up to the role's maximum; 3600 when not given (capped by the maximum).
    static func duration(_ text: String?, maximum: Int) throws(ServiceError) -> Int {
        guard let text else { return min(3600, maximum) }
        guard let seconds = Int(text), seconds >= 900 else {
            throw .validation(
                "1 validation error detected: Value '\(text)' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")
        }
        guard seconds <= maximum else {
            throw .validation(
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        return seconds
    }

    /// Temporary keys past their expiry answer `ExpiredToken` for a while, then are forgotten.
    func dropExpiredSessions(now: Date) {
        credentials = credentials.filter { $0.value.expiration.map { now.timeIntervalSince($0) < 86_400 } ?? true }
    }

    /// The world now (a value; cached until the next change this server makes).
    var world: World {
        get async {
            if let cachedWorld { return cachedWorld }
            let version = worldVersion
            let world = await simulator.snapshot
            if version == worldVersion { cachedWorld = world }
            return world
        }
    }
}

extension World {
    /// The role an ARN names, matched by account and name (STS resolves the path itself).
    func role(arn: String) -> (String, World.Role)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/") else { return nil }
        let account = String(parts[4])
        guard let name = parts[5].split(separator: "/").last, let role = self.account(account)?.role(named: String(name)) else { return nil }
        return (account, role)
    }
}
