import Foundation
import IAMConfPolicy
import IAMConfSimulator

/// The STS actions `iamconf serve` answers.
enum STSAction: String {
    case getCallerIdentity = "GetCallerIdentity"
    case assumeRole = "AssumeRole"
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
            return XMLText.element("Arn", caller.arn) + XMLText.element("UserId", caller.userID)
                + XMLText.element("Account", caller.account)
        case .assumeRole?:
            return try await assumeRole(parameters, caller: caller, request: request)
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
        for unsupported in ["Policy", "PolicyArns.member.1.arn", "Tags.member.1.Key", "TransitiveTagKeys.member.1", "SourceIdentity"]
        where parameters[unsupported] != nil {
            // Each of these changes what the session may do; ignoring one would grant more than AWS.
            throw ServiceError(
                "InvalidParameterValue", "iamconf serve does not support \(unsupported.prefix { $0 != "." }) on AssumeRole yet", status: 400)
        }
        let role = await world.role(arn: roleARN)
        let denied = DenialMessage.text(caller: caller.arn, action: "sts:AssumeRole", resource: roleARN, step: nil, withReason: false)
        guard let (account, role) = role else { throw .accessDenied(denied) }
        let duration = try Self.duration(parameters["DurationSeconds"], maximum: role.maxSessionDuration)
        if parameters["SerialNumber"] != nil || parameters["TokenCode"] != nil {
            // The lab has no virtual MFA devices yet, so no code can be right.
            throw .accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code. ")
        }
        var context = ["sts:RoleSessionName": [sessionName]]
        if let externalID = parameters["ExternalId"] { context["sts:ExternalId"] = [externalID] }
        // AWS's STS message names caller, action and role, without the reason IAM adds.
        try await authorize(caller, action: "sts:AssumeRole", resource: role.arn, request: request, context: context, reasonInMessage: false)
        let now = options.clock()
        let expiration = now.addingTimeInterval(TimeInterval(duration))
        let sessionARN = "arn:aws:sts::\(account):assumed-role/\(role.name)/\(sessionName)"
        let identity = CallerIdentity(
            kind: .roleSession(roleARN: role.arn, roleName: role.name, sessionName: sessionName), arn: sessionARN, account: account,
            userID: "\(role.uniqueID):\(sessionName)", isMFAAuthenticated: caller.isMFAAuthenticated)
        let credential = ServerCredential(
            accessKeyID: RequestIDs.temporaryAccessKeyID(), secretAccessKey: RequestIDs.secretAccessKey(),
            sessionToken: RequestIDs.sessionToken(), expiration: expiration, identity: identity)
        dropExpiredSessions(now: now)
        credentials[credential.accessKeyID] = credential
        return "<Credentials>" + XMLText.element("AccessKeyId", credential.accessKeyID)
            + XMLText.element("SecretAccessKey", credential.secretAccessKey) + XMLText.element("SessionToken", credential.sessionToken)
            + XMLText.element("Expiration", WireTime.text(expiration)) + "</Credentials>"
            + "<AssumedRoleUser>" + XMLText.element("AssumedRoleId", identity.userID) + XMLText.element("Arn", sessionARN)
            + "</AssumedRoleUser>"
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

    var world: World { get async { await simulator.snapshot } }
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

/// AWS's timestamps in answers: `2026-12-07T15:04:05Z`.
enum WireTime {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }
}
